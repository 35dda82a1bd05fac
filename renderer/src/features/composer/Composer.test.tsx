// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_LENGTH } from '../../../../shared/domain';
import { translator } from '../../i18n/translate';
import { AppUnderTest } from '../../testing/app-under-test';
import { conversation, message } from '../../testing/fixtures';
import { untilStore } from '../../testing/until-store';
import { agentUser, signedIn } from '../../testing/workstation-harness';
import { useSensitiveWordsStore } from '../../stores/sensitive-words-store';
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
    await waitFor(() => expect(box).toHaveProperty('value', ''));
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

  describe('tells the agent what will be masked before sending', () => {
    const bankWord = { id: 'w1', pattern: '银行卡号', kind: 'word' as const, action: 'mask' as const, updatedAt: '2025-01-01T10:00:00.000Z' };
    function withMasking(maskPersonalData: boolean) {
      openChat();
      app.fake
        .answer('sensitive.list', () => [bankWord, { ...bankWord, id: 'w2', pattern: '私下交易', action: 'block' as const }])
        .answer('sensitive.policy', () => ({ maskPersonalData }))
        .answer('outbox.send', ({ conversationId, body }) =>
          message({ id: 'local-1', conversationId, clientId: 'cid-1', seq: 0, senderType: 'agent', body, delivery: 'sending' }),
        );
    }
    async function write(text: string) {
      const box = renderComposer();
      await userEvent.click(box);
      await userEvent.paste(text);
      return box;
    }
    const noticeLines = () => [...screen.getByTestId('mask-notice').querySelectorAll('li')].map((li) => li.textContent);

    it('lists the masked word and the card number, asks on Send, and keeps the draft while the agent edits', async () => {
      withMasking(false);
      const box = await write('我的银行卡号是 6222 0000 1111 2222');
      await untilStore(useSensitiveWordsStore, (s) => s.policy !== null, 'the masking setting read');
      expect(noticeLines()).toEqual([
        '“银行卡号” will be sent as ****',
        'Card number ending 2222 will be sent as **** **** **** ****',
      ]);
      expect(screen.getByTestId('mask-notice').textContent).toContain('Before this reply is sent, these will be masked:');

      await userEvent.keyboard('{Enter}');
      expect(app.fake.callsOf('outbox.send')).toEqual([]);
      expect(screen.getByText('Send it masked, or keep editing? Your text stays here either way.')).toBeTruthy();
      expect(box).toHaveProperty('value', '我的银行卡号是 6222 0000 1111 2222');
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Send masked' }));

      await userEvent.click(screen.getByRole('button', { name: 'Keep editing' }));
      expect(document.activeElement).toBe(box);
      expect(screen.queryByRole('button', { name: 'Send masked' })).toBeNull();
      expect(app.stores.drafts.getState().byConversation.c1?.text).toBe('我的银行卡号是 6222 0000 1111 2222');
      await userEvent.clear(box);
      await userEvent.paste('卡已绑定');
      expect(screen.queryByTestId('mask-notice')).toBeNull();
      await userEvent.keyboard('{Enter}');
      await app.fake.untilCalled('outbox.send');
      expect(app.fake.callsOf('outbox.send')).toEqual([{ conversationId: 'c1', body: '卡已绑定' }]);
    });

    it('sends the reply once the agent confirms', async () => {
      withMasking(true);
      await write('手机 13800138000');
      await untilStore(useSensitiveWordsStore, (s) => s.policy !== null, 'the masking setting read');
      expect(noticeLines()).toEqual(['Mobile number ending 8000 will be sent as ***********']);
      await userEvent.click(screen.getByRole('button', { name: app.t('composer.send') }));
      await userEvent.click(screen.getByRole('button', { name: 'Send masked' }));
      await app.fake.untilCalled('outbox.send');
      expect(app.fake.callsOf('outbox.send')).toEqual([{ conversationId: 'c1', body: '手机 13800138000' }]);
    });

    it('says nothing and sends at once when the setting is off and no word matched', async () => {
      withMasking(false);
      await write('卡 4111 1111 1111 1111');
      await untilStore(useSensitiveWordsStore, (s) => s.policy !== null, 'the masking setting read');
      expect(screen.queryByTestId('mask-notice')).toBeNull();
      await userEvent.keyboard('{Enter}');
      await app.fake.untilCalled('outbox.send');
    });

    it('asks nothing when a blocked word will have the reply refused anyway', async () => {
      withMasking(true);
      app.fake.failWith('outbox.send', 'sensitive_blocked', 'blocked', { words: '私下交易' });
      const box = await write('私下交易 卡 4111 1111 1111 1111');
      await untilStore(useSensitiveWordsStore, (s) => s.policy !== null, 'the masking setting read');
      await userEvent.keyboard('{Enter}');
      await app.fake.untilCalled('outbox.send');
      expect(screen.queryByRole('button', { name: 'Send masked' })).toBeNull();
      expect(box).toHaveProperty('value', '私下交易 卡 4111 1111 1111 1111');
    });

    it('says it in Chinese when the UI does', async () => {
      app = new AppUnderTest('zh-CN');
      withMasking(true);
      const box = await write('卡号 6222 0000 1111 2223，身份证 11010519491231002X');
      await untilStore(useSensitiveWordsStore, (s) => s.policy !== null, 'the masking setting read');
      expect(screen.getByTestId('mask-notice').textContent).toContain('发送前，以下内容将被遮盖：');
      expect(noticeLines()).toEqual([
        '尾号 2223 的银行卡号将显示为 **** **** **** ****',
        '尾号 002X 的身份证号将显示为 ******************',
      ]);
      await userEvent.keyboard('{Enter}');
      expect(screen.getByRole('button', { name: '遮盖后发送' })).toBeTruthy();
      await userEvent.click(screen.getByRole('button', { name: '继续编辑' }));
      expect(box).toHaveProperty('value', '卡号 6222 0000 1111 2223，身份证 11010519491231002X');
      expect(app.fake.callsOf('outbox.send')).toEqual([]);
    });
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
