import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFile } from '../../main/core/workspace';
import { startCore } from '../support/core-harness';
import { serverForFile } from '../support/server-for-file';
import { connectVisitor } from '../support/visitor';
import { waitUntil } from '../support/wait';

/** Everything a program that can read the agent's files sees of the cache: database and log, as bytes. */
function cacheBytes(file: string): string {
  return [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('utf8')).join('\n');
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the desktop cache at rest', () => {
  const running = serverForFile();

  // The markers are words, not digits: a four-digit marker turns up by chance among ids and sealed bytes.
  it('keeps what customers and the agent wrote off the disk in clear, and still finds, drafts and sends it', async () => {
    const asked = 'at-rest quokka: my card is 6222 0000 1111 2222';
    const replied = 'at-rest reply pelican for the card question';
    const drafted = 'at-rest draft walrus not sent yet';
    const agent = startCore();
    await agent.call('session.login', { serverUrl: running.server.url, email: 'wang.fang@demo.test', password: 'demo-agent' });
    await agent.waitForStatus('online');
    const visitor = await connectVisitor(running.server.url, { name: 'At Rest 顾客' });
    await visitor.send(asked);
    const conversation = await waitUntil(
      async () => (await agent.call('conversations.list', {})).find((c) => c.lastMessagePreview === asked),
      'the customer conversation',
    );
    await agent.call('outbox.send', { conversationId: conversation.id, body: replied });
    await waitUntil(async () => (await agent.call('messages.list', { conversationId: conversation.id })).some((m) => m.body === replied && m.delivery === 'sent'), 'the reply acked');
    await agent.call('drafts.save', { conversationId: conversation.id, body: drafted });
    await agent.caughtUp();

    const userId = (await agent.call('session.get', {})).user!.id;
    const file = cacheFile(agent.dataDir, userId);
    expect(mode(file)).toBe(0o600);
    expect(mode(join(file, '..'))).toBe(0o700);
    expect(mode(join(agent.dataDir, 'secrets.json'))).toBe(0o600);
    expect(mode(join(agent.dataDir, 'settings.json'))).toBe(0o600);
    const onDisk = cacheBytes(file);
    for (const clear of [asked, replied, drafted, '6222 0000', 'quokka', 'pelican', 'walrus', 'At Rest 顾客']) expect(onDisk).not.toContain(clear);

    // Offline search opens the sealed bodies.
    const found = await agent.call('conversations.search', { query: 'pelican card' });
    expect(found.hits.map((h) => h.conversationId)).toEqual([conversation.id]);
    await agent.core.dispose();

    // The next start reads its own cache with the key from the secret store.
    const restarted = startCore(agent.dataDir);
    await restarted.waitForStatus('online');
    expect((await restarted.call('drafts.get', { conversationId: conversation.id }))?.body).toBe(drafted);
    expect((await restarted.call('messages.list', { conversationId: conversation.id })).map((m) => m.body)).toEqual(expect.arrayContaining([asked, replied]));
    await restarted.core.dispose();
    visitor.close();
  });
});
