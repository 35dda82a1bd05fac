// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_LENGTH } from '../../../../shared/domain';
import { translator } from '../../i18n/translate';
import { AppUnderTest } from '../../testing/app-under-test';
import { conversation, message } from '../../testing/fixtures';
import { untilStore } from '../../testing/until-store';
import { agentUser, signedIn } from '../../testing/workstation-harness';
import { Composer } from './Composer';

let app: AppUnderTest;

/** c1, the agent's own open chat, is selected with its draft read. */
function openChat(over: Parameters<typeof conversation>[0] = { id: 'c1' }) {
  app.signIn(signedIn);
  app.stores.inbox.getState().setLoaded([conversation({ assigneeId: agentUser.id, assigneeName: agentUser.name, ...over })]);
  app.stores.inbox.getState().select(over.id);
  app.stores.drafts.getState().applyDraft(over.id, '', null);
  app.fake
    .answer('drafts.save', ({ conversationId, body }) => ({ conversationId, body, updatedAt: '2025-01-01T10:00:00.000Z', reason: null }))
    .answer('sensitive.list', () => []);
}

function renderComposer() {
  render(<Composer />, { wrapper: app.wrapper });
  return screen.getByRole('textbox', { name: app.t('composer.label') });
}

beforeEach(() => {
  app = new AppUnderTest('en');
});

afterEach(() => cleanup());

describe('the reply composer', () => {
  it('shows what is typed and saves it as a draft after a pause', async () => {
    openChat();
    const box = renderComposer();
    await userEvent.type(box, 'Hello');
    expect(box).toHaveProperty('value', 'Hello');
    expect(app.fake.callsOf('drafts.save')).toEqual([]);
    app.timers.advance(400);
    await app.fake.untilCalled('drafts.save');
    expect(app.fake.callsOf('drafts.save')).toEqual([{ conversationId: 'c1', body: 'Hello' }]);
  });

  it('sends with Enter and empties the box', async () => {
    openChat();
    app.fake.answer('outbox.send', ({ conversationId, body }) =>
      message({ id: 'local-1', conversationId, clientId: 'cid-1', seq: 0, senderType: 'agent', body, delivery: 'sending' }),
    );
    const box = renderComposer();
    await userEvent.type(box, 'Your refund is on its way{Enter}');
    await untilStore(app.stores.drafts, (s) => s.byConversation.c1?.text === '', 'the composer emptied');
    expect(app.fake.callsOf('outbox.send')).toEqual([{ conversationId: 'c1', body: 'Your refund is on its way' }]);
    expect(await screen.findByDisplayValue('')).toBe(box);
  });

  it('adds a new line with Shift+Enter instead of sending', async () => {
    openChat();
    app.fake.answer('outbox.send', ({ conversationId, body }) => message({ id: 'l', conversationId, body, senderType: 'agent', delivery: 'sending' }));
    const box = renderComposer();
    await userEvent.type(box, 'Line one{Shift>}{Enter}{/Shift}Line two');
    expect(box).toHaveProperty('value', 'Line one\nLine two');
    // Had Shift+Enter sent, "Line one" would have gone first.
    await userEvent.click(screen.getByRole('button', { name: app.t('composer.send') }));
    await app.fake.untilCalled('outbox.send');
    expect(app.fake.callsOf('outbox.send')).toEqual([{ conversationId: 'c1', body: 'Line one\nLine two' }]);
  });

  it('refuses a reply that is too long, saying how long it is', async () => {
    openChat();
    const box = renderComposer();
    const long = 'x'.repeat(MAX_MESSAGE_LENGTH + 1);
    await userEvent.click(box);
    await userEvent.paste(long);
    expect(screen.getByRole('alert').textContent).toBe(app.t('composer.tooLong', { count: long.length, max: MAX_MESSAGE_LENGTH }));
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('button', { name: app.t('composer.send') })).toHaveProperty('disabled', true);
    await userEvent.keyboard('{Enter}');
    expect(app.stores.drafts.getState().byConversation.c1?.sending).toBe(false);
    expect(app.fake.callsOf('outbox.send')).toEqual([]);
  });

  it('keeps a reply refused for sensitive words and says which words', async () => {
    openChat();
    app.fake.failWith('outbox.send', 'sensitive_blocked', 'blocked', { words: '微信' });
    const box = renderComposer();
    await userEvent.type(box, '加我微信{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(app.t('error.sensitive_blocked', { words: '微信' }));
    expect(box).toHaveProperty('value', '加我微信');
  });

  it('says when the platform no longer takes free-form replies', () => {
    openChat({ id: 'c1', channelKind: 'whatsapp', lastMessageSenderType: 'contact', lastMessageAt: '2025-01-01T10:00:00.000Z' });
    renderComposer();
    expect(screen.getByRole('status').textContent).toBe(
      app.t('composer.window.closed.template', { hours: 24, platform: app.t('channel.whatsapp') }),
    );
  });

  it('speaks Chinese when the UI does', async () => {
    app = new AppUnderTest('zh-CN');
    openChat();
    const box = renderComposer();
    expect(box.getAttribute('placeholder')).toBe(app.t('composer.placeholder'));
    expect(app.t('composer.placeholder')).not.toBe(translator('en')('composer.placeholder'));
    await userEvent.click(box);
    await userEvent.paste('字'.repeat(MAX_MESSAGE_LENGTH + 1));
    expect(screen.getByRole('alert').textContent).toBe(
      app.t('composer.tooLong', { count: MAX_MESSAGE_LENGTH + 1, max: MAX_MESSAGE_LENGTH }),
    );
  });
});
