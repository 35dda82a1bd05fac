// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadMessage } from '../../../../shared/contract';
import { describeError } from '../../i18n/translate';
import { AppUnderTest } from '../../testing/app-under-test';
import { clientId, message, teamMember } from '../../testing/fixtures';
import { untilStore } from '../../testing/until-store';
import { signedIn } from '../../testing/workstation-harness';
import { MessageItem } from './MessageItem';

let app: AppUnderTest;

function renderMessage(m: ThreadMessage, canSend = true) {
  render(
    <ul>
      <MessageItem message={m} canSend={canSend} />
    </ul>,
    { wrapper: app.wrapper },
  );
  return screen.getByRole('listitem');
}

const delivered = (status: 'sent' | 'delivered' | 'read' | 'failed', reason: string | null = null) =>
  message({
    id: 'm2',
    senderType: 'agent',
    senderName: 'Li Na',
    body: 'Your parcel left today',
    channelDelivery: { status, reason, attempts: 1, updatedAt: '2025-01-01T10:01:00.000Z' },
  });

const unsent = (delivery: 'failed' | 'queued') =>
  message({
    id: 'local-1',
    senderType: 'agent',
    senderName: 'Li Na',
    body: 'Refund approved',
    clientId: clientId(1),
    seq: 0,
    delivery,
    error: delivery === 'failed' ? { code: 'reassigned', message: 'x' } : null,
  });

beforeEach(() => {
  app = new AppUnderTest('en');
  app.signIn(signedIn);
});

afterEach(() => cleanup());

describe('who wrote a message', () => {
  it('a customer\'s message shows their name and text, with no delivery line', () => {
    const item = renderMessage(message({ id: 'm1', senderName: 'Zhang Wei', body: 'Where is my parcel?' }));
    expect(within(item).getByText('Zhang Wei')).toBeTruthy();
    expect(within(item).getByText('Where is my parcel?')).toBeTruthy();
    expect(within(item).queryByText(app.t('delivery.sent'))).toBeNull();
  });

  it('a customer without a name is called the customer', () => {
    const item = renderMessage(message({ id: 'm1', senderName: null }));
    expect(within(item).getByText(app.t('sender.contact'))).toBeTruthy();
  });

  it('the bot\'s answer is marked as the bot\'s', () => {
    const item = renderMessage(message({ id: 'm1', senderType: 'bot', senderName: 'Helper', body: 'Opening hours are 9–18' }));
    expect(within(item).getByText('Helper')).toBeTruthy();
    expect(within(item).getByText(app.t('sender.bot'))).toBeTruthy();
  });

  it('an unnamed bot is labelled once, not "Bot [Bot]"', () => {
    const item = renderMessage(message({ id: 'm1', senderType: 'bot', senderName: null, body: 'Opening hours are 9–18' }));
    expect(within(item).getAllByText(app.t('sender.bot'))).toHaveLength(1);
  });

  it('an internal note says only agents see it', () => {
    const item = renderMessage(message({ id: 'n1', senderType: 'agent', senderId: 'u2', senderName: 'Wang Fang', internal: true, body: 'Check the refund' }));
    expect(within(item).getByText(app.t('message.internalNote'))).toBeTruthy();
    expect(within(item).getByText('Wang Fang')).toBeTruthy();
  });

  it('a supervisor\'s note is a whisper from them', () => {
    app.stores.team.getState().setLoaded([teamMember({ id: 'sup', name: '陈琳', role: 'supervisor' })], []);
    const item = renderMessage(message({ id: 'n1', senderType: 'agent', senderId: 'sup', senderName: '陈琳', internal: true, body: 'Offer the coupon' }));
    expect(within(item).getByText(app.t('note.whisperFrom', { name: '陈琳' }))).toBeTruthy();
    expect(within(item).queryByText(app.t('message.internalNote'))).toBeNull();
  });

  it('an agents-only system line says so to a screen reader', () => {
    const item = renderMessage(message({ id: 's1', senderType: 'system', internal: true, body: '陈琳 took over' }));
    expect(within(item).getByText('陈琳 took over')).toBeTruthy();
    expect(within(item).getByText(`(${app.t('note.systemTitle')})`)).toBeTruthy();
  });
});

describe('lines the system wrote, in the reader\'s language', () => {
  const takeover = message({
    id: 's2',
    senderType: 'system',
    internal: true,
    body: 'taken over by 陈琳',
    system: { code: 'takeover', params: { by: '陈琳' } },
  });

  it('a zh-CN desktop shows the takeover line in Chinese, never the stored English', () => {
    cleanup();
    app = new AppUnderTest('zh-CN');
    app.signIn(signedIn);
    const item = renderMessage(takeover);
    expect(within(item).getByText('已由 陈琳 接管')).toBeTruthy();
    expect(item.textContent).not.toMatch(/taken over/);
  });

  it('an English desktop shows its own words for the code', () => {
    const item = renderMessage(takeover);
    expect(within(item).getByText(app.t('system.takeover', { by: '陈琳' }))).toBeTruthy();
  });

  it('a transfer note reads in the reader\'s language with the note the agent left', () => {
    cleanup();
    app = new AppUnderTest('zh-CN');
    app.signIn(signedIn);
    const note = message({
      id: 'n2', senderType: 'agent', senderId: 'u2', senderName: '王芳', internal: true, body: '→ 李雷: 客户要开发票',
      system: { code: 'transfer', params: { to: '李雷', note: '客户要开发票' } },
    });
    expect(within(renderMessage(note)).getByText('已转给 李雷：客户要开发票')).toBeTruthy();
  });

  it('a line stored in English before codes existed is still shown, translated where its words are known', () => {
    cleanup();
    app = new AppUnderTest('zh-CN');
    app.signIn(signedIn);
    const item = renderMessage(message({ id: 's3', senderType: 'system', internal: true, body: 're-queued: agent disconnected' }));
    expect(within(item).getByText('客服已断线，会话重新排队')).toBeTruthy();
    cleanup();
    const unknown = renderMessage(message({ id: 's4', senderType: 'system', internal: true, body: 'delivery stopped: token revoked' }));
    expect(within(unknown).getByText('delivery stopped: token revoked')).toBeTruthy();
  });
});

describe('how far a reply got', () => {
  it.each([
    ['sent', 'channelDelivery.sent'],
    ['delivered', 'channelDelivery.delivered'],
    ['read', 'channelDelivery.read'],
  ] as const)('a reply %s on the platform says so', (status, key) => {
    const item = renderMessage(delivered(status));
    expect(within(item).getByText(app.t(key))).toBeTruthy();
  });

  it('a reply the platform refused says why', () => {
    const item = renderMessage(delivered('failed', 'user blocked the bot'));
    expect(within(item).getByText(app.t('channelDelivery.failed', { reason: 'user blocked the bot' }))).toBeTruthy();
  });

  it('a failed reply in the outbox says why and offers retry, edit and discard', () => {
    const item = renderMessage(unsent('failed'));
    expect(within(item).getByText(app.t('delivery.failed', { reason: describeError(app.t, { code: 'reassigned' }) }))).toBeTruthy();
    const actions = within(item).getByRole('group', { name: app.t('delivery.actionsLabel') });
    expect(within(actions).getAllByRole('button').map((b) => b.textContent)).toEqual([
      app.t('delivery.retry'),
      app.t('delivery.edit'),
      app.t('delivery.discard'),
    ]);
  });

  it('a queued reply can be taken back or dropped, not retried; nor can a failed one where sending is not possible', () => {
    renderMessage(unsent('queued'));
    expect(screen.getByText(app.t('delivery.queued'))).toBeTruthy();
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([app.t('delivery.edit'), app.t('delivery.discard')]);
    cleanup();
    renderMessage(unsent('failed'), false);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([app.t('delivery.edit'), app.t('delivery.discard')]);
  });

  it('a queued reply with a file shows the file card waiting and can be dropped, not taken back', () => {
    const withFile = {
      ...unsent('queued'),
      attachment: { kind: 'document' as const, mediaId: null, url: null, mimeType: 'application/pdf', fileName: 'receipt.pdf', size: 2048, caption: null, latitude: null, longitude: null, label: null },
    };
    const item = renderMessage(withFile);
    const card = within(item).getByTestId('file-waiting');
    expect(card.textContent).toContain('receipt.pdf');
    expect(card.textContent).toContain('2 KB');
    expect(card.textContent).toContain(app.t('file.waiting'));
    expect(within(item).getAllByRole('button').map((b) => b.textContent)).toEqual([app.t('delivery.discard')]);
  });

  it('retry sends the reply again; a refusal is shown beside it', async () => {
    app.stores.thread.getState().setLoaded('c1', [unsent('failed')]);
    app.fake.failWith('outbox.retry', 'offline', 'no connection');
    renderMessage(unsent('failed'));
    await userEvent.click(screen.getByRole('button', { name: app.t('delivery.retry') }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(app.t('delivery.actionFailed', { reason: describeError(app.t, { code: 'offline' }) }));

    app.fake.answer('outbox.retry', () => ({ ...unsent('failed'), delivery: 'sending', error: null }));
    await userEvent.click(screen.getByRole('button', { name: app.t('delivery.retry') }));
    await untilStore(app.stores.thread, (s) => s.byConversation.c1?.messages[0]?.delivery === 'sending', 'the reply sending again');
    expect(app.fake.callsOf('outbox.retry')).toEqual([{ clientId: clientId(1) }, { clientId: clientId(1) }]);
  });

  it('discard drops the reply from the thread', async () => {
    app.stores.thread.getState().setLoaded('c1', [unsent('queued')]);
    app.fake.answer('outbox.discard', () => ({ discarded: true }));
    renderMessage(unsent('queued'));
    await userEvent.click(screen.getByRole('button', { name: app.t('delivery.discard') }));
    await untilStore(app.stores.thread, (s) => s.byConversation.c1?.messages.length === 0, 'the reply gone');
    expect(app.fake.callsOf('outbox.discard')).toEqual([{ clientId: clientId(1) }]);
  });

  it('speaks Chinese when the UI does', () => {
    app = new AppUnderTest('zh-CN');
    const item = renderMessage(unsent('queued'));
    expect(within(item).getByText(app.t('delivery.queued'))).toBeTruthy();
    expect(within(item).getByRole('button', { name: app.t('delivery.edit') })).toBeTruthy();
  });
});

describe('the handoff summary', () => {
  it('shows the summary the bot left as an agents-only line, in the reader’s language', () => {
    const summary = message({
      id: 'm-sum', senderType: 'system', senderName: null, internal: true, body: 'Summary for the agent: Wants to return order 1234.',
      system: { code: 'summary', params: { text: 'Wants to return order 1234.' } },
    });
    const item = renderMessage(summary);
    expect(item.getAttribute('data-internal')).toBe('true');
    expect(item.textContent).toContain('Summary for you: Wants to return order 1234.');
    cleanup();
    app = new AppUnderTest('zh-CN');
    app.signIn(signedIn);
    expect(renderMessage(summary).textContent).toContain('客户需求摘要：Wants to return order 1234.');
  });
});

describe('the customer’s satisfaction answer', () => {
  const answerLine = (params: Record<string, string>) =>
    message({ id: 'csat-1', senderType: 'system', senderName: null, internal: true, body: 'Customer satisfaction', system: { code: 'csat_answer', params } });

  it('shows the rating as stars out of five, with the comment and whether it came late', () => {
    const item = renderMessage(answerLine({ rating: '4', comment: 'Quick and kind', late: 'true' }));
    expect(within(item).getByRole('img', { name: app.t('csat.stars', { rating: 4 }) }).textContent).toBe('★★★★☆');
    expect(within(item).getByText('Quick and kind')).toBeTruthy();
    expect(within(item).getByText(app.t('csat.late'))).toBeTruthy();
    expect(within(item).queryByText(app.t('csat.changed'))).toBeNull();
  });

  it('a changed answer says so; a line with a rating this version cannot read falls back to its words', () => {
    const changed = renderMessage(answerLine({ rating: '1', changed: 'true' }));
    expect(within(changed).getByRole('img').textContent).toBe('★☆☆☆☆');
    expect(within(changed).getByText(app.t('csat.changed'))).toBeTruthy();
    cleanup();
    const odd = renderMessage(answerLine({ rating: 'eleven' }));
    expect(within(odd).queryByRole('img')).toBeNull();
    expect(within(odd).getByText(app.t('system.csatAnswer', { rating: 'eleven' }))).toBeTruthy();
  });
});
