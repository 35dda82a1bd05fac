import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ThreadMessage } from '../../shared/contract';
import { AppError, toAppError } from '../../shared/errors';
import type { AgentRequestResult } from '../../shared/protocol';
import type { CacheStore } from './cache/cache-store';
import { OutboxFiles } from './cache/outbox-files';
import { Outbox, type OutboxTransport, type OutboxUploader } from './outbox';
import { aConversation, aMessage, fill, memoryCache } from './testing/cache-fixtures';

const agent = { id: 'u1', accountId: 'a1', name: 'Wang Fang', email: 'wang@demo.test', role: 'agent' as const };
const PHOTO = new TextEncoder().encode('photo bytes of a cracked screen, not really a png');
const photo = { name: 'screen.png', mimeType: 'image/png', bytes: PHOTO };

/**
 * A server as the outbox meets it: uploads kept by content (the same bytes, the same file id),
 * replies stored once per client id, and a switch for the connection.
 */
function fakeServer() {
  const state = { online: false, dropAfterUpload: false, refuseUpload: null as AppError | null };
  const uploads: { conversationId: string; name: string; bytes: string }[] = [];
  const stored = new Map<string, { body: string; attachmentIds: string[] | undefined }>();
  const sendCalls: string[] = [];
  const uploader: OutboxUploader = {
    upload: async (conversationId, name, bytes) => {
      if (!state.online) throw new AppError('offline', 'Sending a file needs the connection');
      if (state.refuseUpload) throw state.refuseUpload;
      uploads.push({ conversationId, name, bytes: Buffer.from(bytes).toString('utf8') });
      // The connection drops right after the upload: the send that follows never reaches the server.
      if (state.dropAfterUpload) state.online = false;
      return { fileId: `file-${Buffer.from(bytes).toString('hex').slice(0, 8)}`, fileName: name, mimeType: 'image/png', size: bytes.length };
    },
  };
  const transport: OutboxTransport = {
    isOnline: () => state.online,
    request: async (_name, payload) => {
      if (!state.online) throw new AppError('offline', 'offline');
      sendCalls.push(payload.clientId);
      if (!stored.has(payload.clientId)) stored.set(payload.clientId, { body: payload.body, attachmentIds: payload.attachmentIds });
      const n = [...stored.keys()].indexOf(payload.clientId) + 1;
      const message = aMessage({ id: `m-${n}`, seq: 10 + n, conversationId: payload.conversationId, senderType: 'agent', senderId: agent.id, body: payload.body, clientId: payload.clientId });
      return { message, conversation: aConversation({ id: payload.conversationId, seq: 10 + n, assigneeId: agent.id }) } as AgentRequestResult<'message:send'>;
    },
  };
  return { state, uploads, stored, sendCalls, uploader, transport };
}

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function setUp(channelKind: 'widget' | 'whatsapp' = 'widget') {
  const store = await memoryCache();
  await fill(store, { conversations: [aConversation({ id: 'c1', assigneeId: agent.id, channelKind })] });
  const folder = await mkdtemp(join(tmpdir(), 'outbox-files-'));
  folders.push(folder);
  const server = fakeServer();
  const events: ThreadMessage[] = [];
  const open = (s: CacheStore = store) =>
    new Outbox(s, server.transport, (name, payload) => name === 'message.updated' && events.push(payload as ThreadMessage), () => agent, {
      files: new OutboxFiles(folder, s.cipher),
      uploader: server.uploader,
    });
  return { store, folder, server, events, outbox: open(), open };
}

describe('a reply with a file in the outbox', () => {
  it('waits offline with its file card, then is uploaded and sent once with the same client id; its bytes leave the cache folder', async () => {
    const { folder, server, outbox, events } = await setUp();
    const queued = await outbox.sendFile('c1', 'Is this the crack?', photo);
    expect(queued).toMatchObject({ delivery: 'queued', body: 'Is this the crack?', attachment: { kind: 'image', fileName: 'screen.png', size: PHOTO.length } });
    expect(await outbox.pending('c1')).toMatchObject([{ clientId: queued.clientId, attachment: { fileName: 'screen.png' } }]);
    // Kept on the disk sealed: the clear bytes are nowhere in the folder.
    const kept = await readdir(folder);
    expect(kept).toEqual([queued.clientId]);
    expect((await readFile(join(folder, kept[0]!))).includes(Buffer.from(PHOTO))).toBe(false);

    server.state.online = true;
    await outbox.flush();
    expect(server.uploads).toEqual([{ conversationId: 'c1', name: 'screen.png', bytes: Buffer.from(PHOTO).toString('utf8') }]);
    expect([...server.stored]).toEqual([[queued.clientId, { body: 'Is this the crack?', attachmentIds: [expect.stringMatching(/^file-/)] }]]);
    expect(await outbox.pending('c1')).toEqual([]);
    expect(await readdir(folder)).toEqual([]);
    expect(events.at(-1)).toMatchObject({ clientId: queued.clientId, delivery: 'sent' });
  });

  it('sent after a restart that came between the upload and the send: uploaded once, stored once', async () => {
    const { store, server, outbox, open } = await setUp();
    const queued = await outbox.sendFile('c1', '', photo);
    server.state.online = true;
    server.state.dropAfterUpload = true;
    await outbox.flush();
    expect(server.uploads).toHaveLength(1);
    expect(server.sendCalls).toEqual([]);
    outbox.dispose();

    // A new core over the same cache: the file id was kept, so the send needs no second upload.
    server.state.dropAfterUpload = false;
    server.state.online = true;
    const restarted = open(store);
    await restarted.flush();
    await restarted.flush();
    expect(server.uploads).toHaveLength(1);
    expect(server.sendCalls).toEqual([queued.clientId]);
    expect(server.stored.size).toBe(1);
    expect(await restarted.pending('c1')).toEqual([]);
  });

  it('is refused before anything is kept when the channel does not take the file; the draft stays', async () => {
    const { store, folder, outbox } = await setUp('whatsapp');
    await store.db.write((tx) => store.putDraft(tx, { conversationId: 'c1', body: 'caption typed', updatedAt: '2026-01-01T00:00:00.000Z', reason: null }));
    const big = { name: 'big.png', mimeType: 'image/png', bytes: new Uint8Array(5 * 1024 * 1024 + 1) };
    const refused = await outbox.sendFile('c1', 'caption typed', big).catch((err: unknown) => toAppError(err));
    expect(refused).toMatchObject({ code: 'attachment_too_large', details: { channel: 'WhatsApp', maxSize: '5 MB' } });
    expect(await outbox.pending('c1')).toEqual([]);
    expect(await readdir(folder)).toEqual([]);
    expect((await store.draft('c1'))?.body).toBe('caption typed');
  });

  it('discarded, or returned to the draft when the conversation changed hands, its bytes are deleted', async () => {
    const { store, folder, server, outbox } = await setUp();
    const first = await outbox.sendFile('c1', 'first', photo);
    expect(await outbox.discard(first.clientId!)).toEqual({ discarded: true });
    expect(await readdir(folder)).toEqual([]);

    await outbox.sendFile('c1', 'for the new owner', photo);
    server.state.online = true;
    server.state.refuseUpload = new AppError('reassigned', 'This conversation is no longer assigned to you');
    await outbox.flush();
    expect(await outbox.pending('c1')).toEqual([]);
    expect((await store.draft('c1'))?.body).toBe('for the new owner');
    expect(await readdir(folder)).toEqual([]);
  });

  it('cannot be edited back into the composer (its file would be lost), only sent again or discarded', async () => {
    const { outbox } = await setUp();
    const queued = await outbox.sendFile('c1', 'caption', photo);
    await expect(outbox.edit(queued.clientId!)).rejects.toMatchObject({ code: 'conflict' });
    expect(await outbox.pending('c1')).toHaveLength(1);
  });

  it('deletes the file of a reply the server stored without answering (its copy came by sync), without uploading it', async () => {
    const { store, folder, server, outbox } = await setUp();
    const queued = await outbox.sendFile('c1', 'sent before the ack was lost', photo);
    const stored = aMessage({ id: 'm-synced', seq: 20, conversationId: 'c1', senderType: 'agent', senderId: agent.id, body: 'sent before the ack was lost', clientId: queued.clientId });
    await store.db.write((tx) => store.putMessages(tx, [stored]));
    server.state.online = true;
    await outbox.flush();
    expect(server.uploads).toEqual([]);
    expect(await readdir(folder)).toEqual([]);
  });

  it('drops kept files whose reply is no longer in the outbox when it opens', async () => {
    const { folder, outbox } = await setUp();
    const queued = await outbox.sendFile('c1', 'kept', photo);
    const orphan = '018f0000-0000-7000-8000-0000000000aa';
    await writeFile(join(folder, orphan), 'left behind');
    await writeFile(join(folder, `${orphan}.partial`), 'half written');
    await outbox.pruneFiles();
    expect(await readdir(folder)).toEqual([queued.clientId]);
  });
});
