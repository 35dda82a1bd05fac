// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppUnderTest } from '../../testing/app-under-test';
import { conversation, message } from '../../testing/fixtures';
import { untilStore } from '../../testing/until-store';
import { agentUser, signedIn } from '../../testing/workstation-harness';
import { Composer } from './Composer';

let app: AppUnderTest;

/** c1, the agent's own open WhatsApp chat, selected with an empty draft. */
function openChat() {
  app.signIn(signedIn);
  app.stores.inbox.getState().setLoaded([conversation({ id: 'c1', channelKind: 'whatsapp', assigneeId: agentUser.id, assigneeName: agentUser.name })]);
  app.stores.inbox.getState().select('c1');
  app.stores.drafts.getState().applyDraft('c1', '', null);
  app.fake
    .answer('drafts.save', ({ conversationId, body }) => ({ conversationId, body, updatedAt: '2025-01-01T10:00:00.000Z', reason: null }))
    .answer('sensitive.list', () => []);
}

function renderComposer() {
  render(<Composer />, { wrapper: app.wrapper });
  return screen.getByRole('textbox', { name: app.t('composer.label') });
}

const photo = () => new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], 'screen.jpg', { type: 'image/jpeg' });

beforeEach(() => {
  app = new AppUnderTest('en');
});

afterEach(() => cleanup());

describe('attaching a file to a reply', () => {
  it('a picked photo shows its name and size, and Send uploads it then sends it with the typed caption', async () => {
    openChat();
    app.fake
      .answer('attachments.upload', ({ name, bytes }) => ({ fileId: 'f1', fileName: name, mimeType: 'image/jpeg', size: bytes.length }))
      .answer('attachments.send', ({ conversationId, caption }) =>
        message({ id: 'm9', conversationId, senderType: 'agent', body: caption, attachment: null }),
      );
    const box = renderComposer();
    await userEvent.upload(screen.getByTestId('attach-input'), photo());
    const preview = await screen.findByTestId('composer-file');
    expect(preview.textContent).toContain('screen.jpg');
    expect(preview.textContent).toContain('7 B');
    await userEvent.type(box, 'This one?');
    await userEvent.click(screen.getByTestId('send-button'));
    await app.fake.untilCalled('attachments.send');
    const [upload] = app.fake.callsOf('attachments.upload') as { conversationId: string; name: string; bytes: Uint8Array }[];
    expect(upload?.conversationId).toBe('c1');
    expect(upload?.name).toBe('screen.jpg');
    expect([...upload!.bytes]).toEqual([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    expect(app.fake.callsOf('attachments.send')).toEqual([{ conversationId: 'c1', fileId: 'f1', caption: 'This one?' }]);
    await untilStore(app.stores.drafts, (s) => s.byConversation.c1?.text === '', 'the caption cleared');
    expect(screen.queryByTestId('composer-file')).toBeNull();
    expect(app.stores.thread.getState().byConversation.c1?.messages.map((m) => m.id)).toContain('m9');
  });

  it('a pasted screenshot is attached', async () => {
    openChat();
    const box = renderComposer();
    fireEvent.paste(box, { clipboardData: { files: [photo()], types: ['Files'], getData: () => '' } });
    expect((await screen.findByTestId('composer-file')).textContent).toContain('screen.jpg');
  });

  it('a photo larger than WhatsApp takes is refused before any upload, and the typed text stays', async () => {
    openChat();
    const box = renderComposer();
    await userEvent.type(box, 'See attached');
    const big = new File([new Uint8Array(6 * 1024 * 1024)], 'big.jpg', { type: 'image/jpeg' });
    await userEvent.upload(screen.getByTestId('attach-input'), big);
    const error = await screen.findByTestId('composer-file-error');
    expect(error.textContent).toBe(
      app.t('error.attachment_too_large', { channel: 'WhatsApp', maxSize: '5 MB' }),
    );
    expect(screen.queryByTestId('composer-file')).toBeNull();
    expect(app.fake.callsOf('attachments.upload')).toEqual([]);
    expect(box).toHaveProperty('value', 'See attached');
  });

  it('offline, Send queues the file with its caption in the outbox; the composer clears and the thread shows it waiting', async () => {
    openChat();
    app.stores.connection.getState().setConnection({ status: 'offline', since: '2025-01-01T10:00:00.000Z', error: null, nextRetryAt: null });
    app.fake.answer('outbox.sendFile', ({ conversationId, name, mimeType, bytes, caption }) =>
      message({
        id: 'q1', conversationId, senderType: 'agent', body: caption, clientId: 'q1', delivery: 'queued',
        attachment: { kind: 'image', mediaId: null, url: null, mimeType, fileName: name, size: bytes.length, caption, latitude: null, longitude: null, label: null },
      }),
    );
    const box = renderComposer();
    await userEvent.upload(screen.getByTestId('attach-input'), photo());
    await screen.findByTestId('composer-file');
    await userEvent.type(box, 'Here it is');
    await userEvent.click(screen.getByTestId('send-button'));
    await app.fake.untilCalled('outbox.sendFile');
    const [queued] = app.fake.callsOf('outbox.sendFile') as { conversationId: string; name: string; mimeType: string; bytes: Uint8Array; caption: string }[];
    expect(queued).toMatchObject({ conversationId: 'c1', name: 'screen.jpg', mimeType: 'image/jpeg', caption: 'Here it is' });
    expect([...queued!.bytes]).toEqual([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    expect(app.fake.callsOf('attachments.upload')).toEqual([]);
    await untilStore(app.stores.drafts, (s) => s.byConversation.c1?.text === '', 'the caption cleared');
    expect(screen.queryByTestId('composer-file')).toBeNull();
    expect(app.stores.thread.getState().byConversation.c1?.messages.find((m) => m.id === 'q1')).toMatchObject({ delivery: 'queued' });
  });

  it('an upload that cannot reach the server queues the file instead of dropping it', async () => {
    openChat();
    app.fake.failWith('attachments.upload', 'server_unreachable', 'no route to the server');
    app.fake.answer('outbox.sendFile', ({ conversationId, caption }) => message({ id: 'q2', conversationId, senderType: 'agent', body: caption, clientId: 'q2', delivery: 'queued' }));
    const box = renderComposer();
    await userEvent.upload(screen.getByTestId('attach-input'), photo());
    await screen.findByTestId('composer-file');
    await userEvent.type(box, 'Retry me');
    await userEvent.click(screen.getByTestId('send-button'));
    await app.fake.untilCalled('outbox.sendFile');
    expect(app.fake.callsOf('attachments.send')).toEqual([]);
    await untilStore(app.stores.drafts, (s) => s.byConversation.c1?.text === '', 'the caption cleared');
  });

  it('a file attached in one chat is still there after switching to another chat and back', async () => {
    openChat();
    app.stores.inbox.getState().setLoaded([
      conversation({ id: 'c1', channelKind: 'whatsapp', assigneeId: agentUser.id, assigneeName: agentUser.name }),
      conversation({ id: 'c2', channelKind: 'whatsapp', assigneeId: agentUser.id, assigneeName: agentUser.name }),
    ]);
    app.stores.drafts.getState().applyDraft('c2', '', null);
    renderComposer();
    await userEvent.upload(screen.getByTestId('attach-input'), photo());
    expect((await screen.findByTestId('composer-file')).textContent).toContain('screen.jpg');
    act(() => app.stores.inbox.getState().select('c2'));
    expect(screen.queryByTestId('composer-file')).toBeNull();
    act(() => app.stores.inbox.getState().select('c1'));
    expect((await screen.findByTestId('composer-file')).textContent).toContain('screen.jpg');
  });
});

describe('the emoji picker', () => {
  it('puts the picked emoji where the caret was and closes', async () => {
    openChat();
    const box = renderComposer() as HTMLTextAreaElement;
    await userEvent.type(box, 'Thanks !');
    box.setSelectionRange(7, 7);
    await userEvent.click(screen.getByRole('button', { name: app.t('composer.emoji') }));
    const grid = screen.getByRole('group', { name: app.t('composer.emojiPicker') });
    await userEvent.click(grid.querySelector('button[aria-label="👍"]')!);
    expect(box.value).toBe('Thanks 👍!');
    expect(screen.queryByTestId('emoji-grid')).toBeNull();
  });
});
