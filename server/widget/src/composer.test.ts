// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { widgetTranslator } from '../../../shared/i18n/widget';
import type { VisitorMessage } from '../../../shared/protocol';
import { ManualTimers } from '../../lib/manual-timers';
import { Composer } from './composer';
import type { SendPayload } from './connection';
import { MessageList } from './message-list';
import { pendingStore } from './pending-store';

const t = widgetTranslator('en');

/** A connection whose sends wait until the test answers them. */
class FakeConnection {
  connected = false;
  readonly sent: { payload: SendPayload; done: (stored: VisitorMessage | null, errorCode?: string) => void }[] = [];
  send(payload: SendPayload, done: (stored: VisitorMessage | null, errorCode?: string) => void): void {
    this.sent.push({ payload, done });
  }
}

let seq = 10;
const storedCopy = (payload: SendPayload): VisitorMessage => ({
  id: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`, seq, from: 'me', senderName: null, body: payload.body,
  createdAt: '2026-01-01T10:00:00.000Z', clientId: payload.clientId,
});

let ids = 0;
function page(connection: FakeConnection, timers = new ManualTimers()) {
  const list = document.querySelector<HTMLElement>('.chat__messages')!;
  const messages = new MessageList(list, null, t, 'en');
  const typed: boolean[] = [];
  const composer = new Composer({
    form: document.querySelector('form')!,
    input: document.querySelector('textarea')!,
    connection,
    messages,
    menu: { takeChoice: () => undefined },
    status: { note: () => undefined },
    t,
    newClientId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    store: pendingStore(localStorage, 'ch1'),
    typing: { input: (text) => typed.push(text !== ''), stop: () => typed.push(false) },
    timers,
  });
  const write = (text: string) => {
    const input = document.querySelector('textarea')!;
    input.value = text;
    document.querySelector('form')!.requestSubmit();
  };
  const shown = () => [...list.querySelectorAll('[data-testid=widget-message]')].map((li) => `${li.querySelector('.msg__bubble')!.textContent}:${li.getAttribute('data-delivery')}`);
  return { composer, messages, write, shown, typed };
}

beforeEach(() => {
  localStorage.clear();
  document.body.innerHTML = '<ol class="chat__messages"></ol><form><textarea></textarea><button type="submit">Send</button></form>';
});

describe("the customer's messages while the chat is disconnected", () => {
  it('are shown as pending, kept across a reload, then sent once each, in order, after the connect', () => {
    const offline = new FakeConnection();
    const first = page(offline);
    first.write('one');
    first.write('two');
    expect(first.shown()).toEqual(['one:failed', 'two:failed']);
    expect(offline.sent).toHaveLength(0);

    // The page is reloaded while still offline: the messages are still there, pending.
    document.body.innerHTML = '<ol class="chat__messages"></ol><form><textarea></textarea><button type="submit">Send</button></form>';
    const connection = new FakeConnection();
    const again = page(connection);
    expect(again.shown()).toEqual(['one:failed', 'two:failed']);

    connection.connected = true;
    again.composer.flush();
    again.composer.flush();
    // One at a time: the second waits for the first to be stored.
    expect(connection.sent.map((s) => s.payload.body)).toEqual(['one']);
    connection.sent[0]!.done(storedCopy(connection.sent[0]!.payload));
    expect(connection.sent.map((s) => s.payload.body)).toEqual(['one', 'two']);
    connection.sent[1]!.done(storedCopy(connection.sent[1]!.payload));
    expect(again.shown()).toEqual(['one:sent', 'two:sent']);
    expect(again.composer.hasPending).toBe(false);
    expect(localStorage.getItem('switchboard.pending:ch1')).toBeNull();
  });

  it('keeps the client id of a message across resends, and a late answer to an earlier send shows it once', () => {
    const connection = new FakeConnection();
    connection.connected = true;
    const { composer, write, shown } = page(connection);
    write('hello');
    const firstTry = connection.sent[0]!;
    // The connection drops before the answer; after the reconnect the message goes again.
    composer.disconnected();
    expect(shown()).toEqual(['hello:failed']);
    composer.flush();
    const secondTry = connection.sent[1]!;
    expect(secondTry.payload.clientId).toBe(firstTry.payload.clientId);
    // The server stored it once and answers both sends with the same message.
    const stored = storedCopy(firstTry.payload);
    firstTry.done(stored);
    secondTry.done(stored);
    expect(shown()).toEqual(['hello:sent']);
  });

  it('tries again a while later when the server refused a send on a live connection (too many at once)', () => {
    const connection = new FakeConnection();
    connection.connected = true;
    const timers = new ManualTimers();
    const { write, shown } = page(connection, timers);
    write('one');
    write('two');
    connection.sent[0]!.done(null, 'rate_limited');
    // The second waits behind the first, so the order holds.
    expect(shown()).toEqual(['one:failed', 'two:sending']);
    expect(connection.sent).toHaveLength(1);
    timers.advance(1_000);
    expect(connection.sent.map((s) => s.payload.body)).toEqual(['one', 'one']);
    connection.sent[1]!.done(storedCopy(connection.sent[1]!.payload));
    expect(connection.sent.map((s) => s.payload.body)).toEqual(['one', 'one', 'two']);
  });

  it('stops typing when a message is sent', () => {
    const connection = new FakeConnection();
    const { write, typed } = page(connection);
    write('hi');
    expect(typed.at(-1)).toBe(false);
  });
});
