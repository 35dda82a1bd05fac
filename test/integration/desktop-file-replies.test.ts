import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outboxFilesFolder } from '../../main/core/cache/outbox-files';
import { cacheFile } from '../../main/core/workspace';
import { toAppError } from '../../shared/errors';
import { startCore, type TestCore } from '../support/core-harness';
import { databaseTargets } from '../support/databases';
import { desktopBedFor } from '../support/desktop-bed';
import { PNG_1X1 } from '../support/sample-files';
import { waitUntil } from '../support/wait';

const targets = await databaseTargets();

// An agent's file through the real client core: uploaded over the REST route, sent with message:send, opened by a signed link.
describe.each(targets)('files sent from the desktop core, on $label', (target) => {
  const bed = desktopBedFor(target);

  /** A web-chat customer's conversation that `agent` claimed by replying. */
  async function claimed(agent: TestCore, name: string) {
    const visitor = await bed.visitor({ name });
    await visitor.send(`${name}: 屏幕坏了`);
    const waiting = await waitUntil(() => agent.eventsOf('conversation.updated').find((c) => c.lastMessagePreview.startsWith(name)), `${name}'s conversation`);
    await agent.call('outbox.send', { conversationId: waiting.id, body: '请发一张照片' });
    await waitUntil(async () => (await agent.call('conversations.list', {})).find((c) => c.id === waiting.id && c.assigneeId !== null), 'the claim');
    return { visitor, conversationId: waiting.id };
  }

  it('uploads the bytes, sends the file with its caption to the customer, and opens it through a signed link', async () => {
    const wang = await bed.signIn('wang');
    const { visitor, conversationId } = await claimed(wang, 'File visitor A');

    const uploaded = await wang.call('attachments.upload', { conversationId, name: 'screen.png', bytes: new Uint8Array(PNG_1X1) });
    expect(uploaded).toMatchObject({ fileName: 'screen.png', mimeType: 'image/png', size: PNG_1X1.length });

    const sent = await wang.call('attachments.send', { conversationId, fileId: uploaded.fileId, caption: '是这样吗？' });
    expect(sent).toMatchObject({ conversationId, delivery: 'sent', senderType: 'agent' });
    expect(sent.body).toContain('是这样吗？');
    expect(sent.attachment?.fileId).toBe(uploaded.fileId);
    const received = await visitor.waitFor((m) => m.file?.fileId === uploaded.fileId);
    expect(received.file).toMatchObject({ kind: 'image', fileName: 'screen.png', caption: '是这样吗？' });
    // The thread read from the cache shows it too.
    expect((await wang.call('messages.list', { conversationId })).some((m) => m.attachment?.fileId === uploaded.fileId)).toBe(true);

    const link = await wang.call('attachments.url', { fileId: uploaded.fileId });
    expect(link.url.startsWith(`${bed.server.url}/api/files/`)).toBe(true);
    const response = await fetch(link.url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG_1X1)).toBe(true);
  });

  /** The sealed files waiting in `agent`'s outbox folder, as bytes on the disk. */
  async function waitingFiles(agent: TestCore): Promise<Buffer[]> {
    const userId = (await agent.call('session.get', {})).user!.id;
    const folder = outboxFilesFolder(dirname(cacheFile(agent.dataDir, userId)));
    return existsSync(folder) ? readdirSync(folder).map((name) => readFileSync(`${folder}/${name}`)) : [];
  }

  /** How many replies the server stored under `clientId`, and with which files. */
  async function storedUnder(clientId: string) {
    return bed.server.db.query<{ id: string }>('SELECT id FROM messages WHERE client_id = $1', [clientId]);
  }

  it('offline, a file waits in the outbox sealed in the cache folder and reaches the customer once when the connection returns', async () => {
    const proxy = await bed.proxy();
    const wang = await bed.signIn('wang', proxy.url);
    const { visitor, conversationId } = await claimed(wang, 'File visitor C');

    proxy.cut();
    await wang.waitForStatus('offline');
    const queued = await wang.call('outbox.sendFile', { conversationId, name: 'offline.png', mimeType: 'image/png', bytes: new Uint8Array(PNG_1X1), caption: '离线时拍的' });
    expect(queued).toMatchObject({ delivery: 'queued', body: '离线时拍的', attachment: { fileName: 'offline.png', size: PNG_1X1.length } });
    const thread = await wang.call('messages.list', { conversationId });
    expect(thread.find((m) => m.clientId === queued.clientId)).toMatchObject({ delivery: 'queued', attachment: { fileName: 'offline.png' } });
    const kept = await waitingFiles(wang);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.includes(PNG_1X1)).toBe(false);

    proxy.restore();
    const received = await visitor.waitFor((m) => m.file?.fileName === 'offline.png');
    expect(received.file).toMatchObject({ kind: 'image', caption: '离线时拍的' });
    const sent = await waitUntil(
      async () => (await wang.call('messages.list', { conversationId })).find((m) => m.clientId === queued.clientId && m.delivery === 'sent'),
      'the queued file sent',
    );
    expect(sent.attachment?.fileId).toBe(received.file!.fileId);
    expect(await storedUnder(queued.clientId!)).toHaveLength(1);
    expect(await waitingFiles(wang)).toEqual([]);
  });

  it('a file queued before the desktop restarts is sent once by the restarted desktop', async () => {
    const proxy = await bed.proxy();
    const wang = await bed.signIn('wang', proxy.url);
    const { visitor, conversationId } = await claimed(wang, 'File visitor D');
    proxy.cut();
    await wang.waitForStatus('offline');
    const queued = await wang.call('outbox.sendFile', { conversationId, name: 'restart.png', mimeType: 'image/png', bytes: new Uint8Array(PNG_1X1), caption: '' });
    await wang.core.dispose();

    proxy.restore();
    const restarted = startCore(wang.dataDir);
    try {
      await visitor.waitFor((m) => m.file?.fileName === 'restart.png');
      await waitUntil(async () => (await restarted.call('messages.list', { conversationId })).some((m) => m.clientId === queued.clientId && m.delivery === 'sent'), 'the file sent after the restart');
      expect(await storedUnder(queued.clientId!)).toHaveLength(1);
      expect(visitor.received.filter((m) => m.file?.fileName === 'restart.png')).toHaveLength(1);
      expect(await waitingFiles(restarted)).toEqual([]);
    } finally {
      await restarted.core.dispose();
    }
  });

  it('refuses an upload to a conversation the agent does not have', async () => {
    const wang = await bed.signIn('wang');
    const { conversationId } = await claimed(wang, 'File visitor B');
    const li = await bed.signIn('li');
    const refused = await li.call('attachments.upload', { conversationId, name: 'x.png', bytes: new Uint8Array(PNG_1X1) }).catch((err: unknown) => toAppError(err));
    expect(refused).toMatchObject({ code: expect.stringMatching(/^(reassigned|forbidden|not_found)$/) });
  });
});
