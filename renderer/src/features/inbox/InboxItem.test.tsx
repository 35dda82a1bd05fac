// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxConversation } from '../../../../shared/contract';
import { describeOfferError, translator } from '../../i18n/translate';
import { formatDuration } from '../../lib/duration';
import { AppUnderTest } from '../../testing/app-under-test';
import { conversation } from '../../testing/fixtures';
import { untilStore } from '../../testing/until-store';
import { agentUser, signedIn } from '../../testing/workstation-harness';
import { InboxItem } from './InboxItem';

let app: AppUnderTest;
let opened: string[];

const lastAt = '2025-01-01T10:00:00.000Z';
const fiveMinutesLater = Date.parse(lastAt) + 5 * 60_000;

function renderItem(c: InboxConversation, props: { offer?: 'me' | 'other' | null; selected?: boolean } = {}) {
  render(
    <InboxItem
      conversation={c}
      offer={props.offer ?? null}
      selected={props.selected ?? false}
      tabbable
      now={fiveMinutesLater}
      onOpen={(id) => opened.push(id)}
    />,
    { wrapper: app.wrapper },
  );
}

beforeEach(() => {
  app = new AppUnderTest('en');
  app.signIn(signedIn);
  opened = [];
});

afterEach(() => cleanup());

describe('an inbox item', () => {
  it('shows the customer, the last message, the unread count, the channel and when they wrote', () => {
    renderItem(conversation({ id: 'c1', contactName: 'Zhang Wei', lastMessagePreview: 'Where is my parcel?', unread: 3, channelKind: 'whatsapp', lastMessageAt: lastAt }));
    const item = screen.getByRole('button', { name: /Zhang Wei/ });
    expect(within(item).getByText('Where is my parcel?')).toBeTruthy();
    expect(within(item).getByLabelText(app.t('notify.unread', { count: 3 })).textContent).toBe('3');
    expect(within(item).getByRole('img', { name: app.t('channel.whatsapp') })).toBeTruthy();
    expect(within(item).getByText(app.t('time.minutes', { n: 5 }))).toBeTruthy();
  });

  it('labels a left message and a chat that came by overflow, in the agent’s language', () => {
    app = new AppUnderTest('zh-CN');
    app.signIn(signedIn);
    renderItem(conversation({ id: 'c1', contactName: 'Nora', routingState: 'assigned', leftMessage: true, overflowedFromGroupName: '售后 After-sales' }));
    expect(screen.getByTestId('left-message-badge').textContent).toBe('留言');
    const overflow = screen.getByTestId('overflow-badge');
    expect(overflow.textContent).toBe('溢出');
    expect(overflow.getAttribute('title')).toBe('溢出转入：售后 After-sales无人能及时接待');
  });

  it('caps a large unread count and says when there is no message yet', () => {
    renderItem(conversation({ id: 'c1', contactName: 'Zhang Wei', lastMessagePreview: '', unread: 120 }));
    expect(screen.getByLabelText(app.t('notify.unread', { count: 120 })).textContent).toBe('99+');
    expect(screen.getByText(app.t('inbox.noPreview'))).toBeTruthy();
  });

  it('marks the open conversation, and opens one on a click', async () => {
    renderItem(conversation({ id: 'c1', contactName: 'Zhang Wei' }), { selected: true });
    const item = screen.getByRole('button', { name: /Zhang Wei/ });
    expect(item.getAttribute('aria-current')).toBe('true');
    await userEvent.click(item);
    expect(opened).toEqual(['c1']);
  });

  it('is not marked when another conversation is open', () => {
    renderItem(conversation({ id: 'c1', contactName: 'Zhang Wei', unread: 0 }));
    expect(screen.getByRole('button', { name: /Zhang Wei/ }).getAttribute('aria-current')).toBeNull();
    expect(screen.queryByTestId('unread-count')).toBeNull();
  });

  it('shows how long a queued customer has been waiting', () => {
    const since = new Date(Date.now() - 133_000).toISOString();
    renderItem(conversation({ id: 'c1', routingState: 'queued', waitingSince: since }));
    // The badge reads the clock itself; a second may pass between these two lines.
    const allowed = [133, 134, 135].map((s) => app.t('routing.waiting', { time: formatDuration(s) }));
    expect(allowed).toContain(screen.getByTestId('waiting-badge').textContent);
  });

  it('accepts an offer made to the agent, and says why when it could not be taken', async () => {
    const offered = conversation({
      id: 'c7',
      contactName: 'Li Na',
      routingState: 'offered',
      offeredToId: agentUser.id,
      offerExpiresAt: new Date(Date.now() + 25_000).toISOString(),
    });
    app.stores.inbox.getState().setLoaded([offered]);
    app.fake.failWith('conversations.accept', 'conflict');
    renderItem(offered, { offer: 'me' });
    expect(screen.getByText(app.t('offer.forYou'))).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: app.t('offer.acceptLabel', { name: 'Li Na' }) }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      app.t('offer.acceptFailed', { reason: describeOfferError(app.t, { code: 'conflict' }) }),
    );

    app.fake.answer('conversations.accept', ({ conversationId }) =>
      conversation({ id: conversationId, contactName: 'Li Na', routingState: 'assigned', assigneeId: agentUser.id }),
    );
    app.fake.answer('messages.list', () => []).answer('drafts.get', () => null).answer('contacts.get', () => null);
    await userEvent.click(screen.getByRole('button', { name: app.t('offer.acceptLabel', { name: 'Li Na' }) }));
    await untilStore(app.stores.inbox, (s) => s.selectedId === 'c7', 'the accepted chat opened');
    expect(app.fake.callsOf('conversations.accept')).toEqual([{ conversationId: 'c7' }, { conversationId: 'c7' }]);
    expect(app.stores.inbox.getState().byId.c7?.routingState).toBe('assigned');
  });

  it('declines an offer', async () => {
    const offered = conversation({ id: 'c7', contactName: 'Li Na', routingState: 'offered', offeredToId: agentUser.id });
    app.fake.answer('conversations.decline', ({ conversationId }) =>
      conversation({ id: conversationId, contactName: 'Li Na', routingState: 'offered', offeredToId: 'u2' }),
    );
    renderItem(offered, { offer: 'me' });
    await userEvent.click(screen.getByRole('button', { name: app.t('offer.declineLabel', { name: 'Li Na' }) }));
    await untilStore(app.stores.inbox, (s) => s.byId.c7?.offeredToId === 'u2', 'the declined offer passed on');
    expect(app.fake.callsOf('conversations.decline')).toEqual([{ conversationId: 'c7' }]);
  });

  it('speaks Chinese when the UI does', () => {
    app = new AppUnderTest('zh-CN');
    app.signIn(signedIn);
    renderItem(conversation({ id: 'c1', contactName: '张伟', unread: 2, channelKind: 'wechat', lastMessageAt: lastAt }));
    expect(screen.getByLabelText(app.t('notify.unread', { count: 2 }))).toBeTruthy();
    expect(screen.getByRole('img', { name: app.t('channel.wechat') })).toBeTruthy();
    expect(screen.getByText(app.t('time.minutes', { n: 5 }))).toBeTruthy();
    expect(app.t('time.minutes', { n: 5 })).not.toBe(translator('en')('time.minutes', { n: 5 }));
  });
});
