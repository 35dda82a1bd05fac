// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { widgetTranslator } from '../../../shared/i18n/widget';
import type { VisitorMessage } from '../../../shared/protocol';
import { MessageList } from './message-list';

const hostile = '<img src=x onerror="window.__owned = true"><b>bold</b>';
const stored = (over: Partial<VisitorMessage>): VisitorMessage => ({
  id: '0190a0b0-0000-7000-8000-000000000001', seq: 1, from: 'agent', senderName: null, body: 'Hello',
  createdAt: '2026-01-01T10:00:00.000Z', clientId: null, ...over,
});

let list: HTMLElement;
let messages: MessageList;
beforeEach(() => {
  document.body.innerHTML = '<ol class="chat__messages"><li class="chat__empty">Ask us anything</li></ol>';
  list = document.querySelector<HTMLElement>('.chat__messages')!;
  messages = new MessageList(list, document.querySelector('.chat__empty'), widgetTranslator('en'), 'en');
});

describe('the message list', () => {
  it('shows agent text and names as text, never as HTML', () => {
    messages.showStored(stored({ body: hostile, senderName: '<script>alert(1)</script>' }));
    const item = list.querySelector('[data-testid=widget-message]')!;
    expect(item.querySelector('.msg__bubble')!.textContent).toBe(hostile);
    expect(item.querySelector('.msg__sender')!.textContent).toBe('<script>alert(1)</script>');
    expect(list.querySelector('img, b, script')).toBeNull();
  });

  it("shows a notice with a code in the customer's language, and an old notice as it was stored", () => {
    const zh = new MessageList(list, null, widgetTranslator('zh-CN'), 'zh-CN');
    zh.showStored(stored({ id: '0190a0b0-0000-7000-8000-000000000007', seq: 7, from: 'system', body: 'Connecting you to an agent', system: { code: 'handoff', params: {} } }));
    zh.showStored(stored({ id: '0190a0b0-0000-7000-8000-000000000008', seq: 8, from: 'system', body: 'An old notice' }));
    const bubbles = [...list.querySelectorAll('[data-from=system] .msg__bubble')].map((b) => b.textContent);
    expect(bubbles).toEqual(['正在为您转接人工客服，请稍候…', 'An old notice']);
  });

  it("shows the customer's own text as text while it is on its way", () => {
    const item = messages.render({ from: 'me', body: hostile }, 'sending');
    messages.appendPending(item);
    expect(item.querySelector('.msg__bubble')!.textContent).toBe(hostile);
    expect(item.querySelector('.msg__meta')!.textContent).toBe('Sending…');
    expect(item.getAttribute('data-delivery')).toBe('sending');
    expect(list.querySelector('img, b')).toBeNull();
  });

  it('keeps stored messages in sequence order, before the pending ones, and shows each once', () => {
    const pending = messages.render({ from: 'me', body: 'still sending' }, 'failed');
    messages.appendPending(pending);
    messages.showStored(stored({ id: '0190a0b0-0000-7000-8000-000000000003', seq: 3, body: 'third' }));
    messages.showStored(stored({ id: '0190a0b0-0000-7000-8000-000000000002', seq: 2, body: 'second', from: 'bot' }));
    messages.showStored(stored({ id: '0190a0b0-0000-7000-8000-000000000002', seq: 2, body: 'second', from: 'bot' }));
    const bodies = [...list.querySelectorAll('.msg__bubble')].map((b) => b.textContent);
    expect(bodies).toEqual(['second', 'third', 'still sending']);
    expect(list.querySelector('.chat__empty')).toBeNull();
    expect(list.querySelector('[data-from=bot] .msg__sender')!.textContent).toBe('Assistant');
    expect(pending.querySelector('.msg__meta')!.textContent).toBe('Not sent yet — will retry when connected');
  });

  it('replaces the pending copy once the message is stored', () => {
    const pending = messages.render({ from: 'me', body: 'hi' }, 'sending');
    messages.appendPending(pending);
    messages.showStored(stored({ from: 'me', body: 'hi' }), pending);
    const items = list.querySelectorAll('[data-testid=widget-message]');
    expect(items).toHaveLength(1);
    expect(items[0]!.getAttribute('data-delivery')).toBe('sent');
    expect(items[0]!.querySelector('time')!.getAttribute('datetime')).toBe('2026-01-01T10:00:00.000Z');
  });
});

describe('delivered and read on the widget', () => {
  it("shows the customer's stored messages as delivered, then as read up to the agent's mark", () => {
    messages.showStored(stored({ id: '0190a0b0-0000-7000-8000-000000000011', seq: 11, from: 'me', body: 'first' }));
    messages.showStored(stored({ id: '0190a0b0-0000-7000-8000-000000000013', seq: 13, from: 'me', body: 'second' }));
    const mine = () => [...list.querySelectorAll('[data-from=me]')].map((li) => li.getAttribute('data-delivery'));
    expect(mine()).toEqual(['sent', 'sent']);
    expect(list.querySelector('[data-from=me] .msg__meta')!.textContent).toMatch(/· Delivered$/);
    messages.markRead(12);
    expect(mine()).toEqual(['read', 'sent']);
    expect(list.querySelector('[data-from=me] .msg__meta')!.textContent).toMatch(/· Read$/);
    // A mark never moves back, and a message stored under it later shows read at once.
    messages.markRead(5);
    messages.showStored(stored({ id: '0190a0b0-0000-7000-8000-000000000012', seq: 12, from: 'me', body: 'late' }));
    expect(mine()).toEqual(['read', 'read', 'sent']);
  });

  it('knows the newest message from the shop on screen', () => {
    expect(messages.newestFromShop()).toBe(0);
    messages.showStored(stored({ id: '0190a0b0-0000-7000-8000-000000000021', seq: 21, from: 'agent' }));
    messages.showStored(stored({ id: '0190a0b0-0000-7000-8000-000000000022', seq: 22, from: 'me' }));
    expect(messages.newestFromShop()).toBe(21);
  });

  it('shows an agent reply with Markdown formatted and its links clickable', () => {
    messages.showStored(stored({ body: '**Return steps**\n\n- open https://shop.example/returns' }));
    const bubble = list.querySelector('.msg__bubble')!;
    expect(bubble.querySelector('strong')!.textContent).toBe('Return steps');
    expect(bubble.querySelector('li a')!.getAttribute('href')).toBe('https://shop.example/returns');
  });

  it('labels a bot message once', () => {
    messages.showStored(stored({ from: 'bot', senderName: null, body: 'Hi!' }));
    const item = list.querySelector('[data-from=bot]')!;
    expect(item.querySelectorAll('.msg__sender')).toHaveLength(1);
    expect(item.textContent).toBe('AssistantHi!' + item.querySelector('time')!.textContent);
  });

  it("shows the bot's picks as buttons on its newest message; a click sends the pick and takes the buttons away", () => {
    const picked: string[] = [];
    const withChoices = new MessageList(list, null, widgetTranslator('en'), 'en', (reply) => picked.push(reply));
    const choices = [{ title: 'Refund policy', reply: 'Refund policy' }, { title: 'Return shipping', reply: 'Return shipping' }];
    withChoices.showStored(stored({ id: '0190a0b0-0000-7000-8000-000000000011', seq: 11, from: 'bot', body: 'Did you mean:', choices }));
    withChoices.showStored(stored({ id: '0190a0b0-0000-7000-8000-000000000012', seq: 12, from: 'bot', body: 'Or:', choices }));
    // Only the newest offer can be clicked.
    expect(list.querySelectorAll('[data-testid=widget-choices]')).toHaveLength(1);
    const buttons = [...list.querySelectorAll<HTMLButtonElement>('[data-id="0190a0b0-0000-7000-8000-000000000012"] .msg__choice')];
    expect(buttons.map((b) => b.textContent)).toEqual(['Refund policy', 'Return shipping']);
    buttons[1]!.click();
    expect(picked).toEqual(['Return shipping']);
    expect(list.querySelector('[data-testid=widget-choices]')).toBeNull();
  });

  it("shows buttons only on the bot's messages, never on an agent's or the customer's own", () => {
    const withChoices = new MessageList(list, null, widgetTranslator('en'), 'en', () => undefined);
    const choices = [{ title: 'x', reply: 'x' }];
    withChoices.showStored(stored({ id: '0190a0b0-0000-7000-8000-000000000021', seq: 21, from: 'me', body: 'hi', choices }));
    withChoices.showStored(stored({ id: '0190a0b0-0000-7000-8000-000000000022', seq: 22, from: 'agent', body: 'hello', choices }));
    expect(list.querySelector('.msg__choice')).toBeNull();
    withChoices.showStored(stored({ id: '0190a0b0-0000-7000-8000-000000000023', seq: 23, from: 'bot', body: 'which?', choices }));
    expect(list.querySelectorAll('.msg__choice')).toHaveLength(1);
  });
});
