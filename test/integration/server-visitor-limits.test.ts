import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { VISITOR_MESSAGE_LIMIT } from '../../server/realtime/visitor-namespace';
import { connectVisitor, request } from '../support/server-fixture';
import { serverForFile } from '../support/server-for-file';

describe('a widget socket that floods', () => {
  const running = serverForFile();

  it('is told to slow down with rate_limited, and what it was refused is not stored', async () => {
    const { socket, session } = await connectVisitor(running.server.url, { name: 'Flooder' });
    const results = [];
    for (let i = 0; i < VISITOR_MESSAGE_LIMIT.max + 3; i++) {
      results.push(await request(socket, 'visitor:send', { clientId: randomUUID(), body: `flood ${i}` }));
    }
    expect(results.slice(0, VISITOR_MESSAGE_LIMIT.max).every((r) => r.ok)).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    const stored = await running.server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id
       WHERE c.contact_id = $1 AND m.sender_type = 'contact'`,
      [session.contactId],
    );
    expect(Number(stored[0]!.n)).toBe(VISITOR_MESSAGE_LIMIT.max);

    // Another customer is not slowed down by it.
    const other = await connectVisitor(running.server.url, { name: 'Calm' });
    expect(await request(other.socket, 'visitor:send', { clientId: randomUUID(), body: 'hello' })).toMatchObject({ ok: true });
  });

  it('counts per customer: coming back on a new socket with the same token does not start a new count', async () => {
    const first = await connectVisitor(running.server.url, { name: 'Reconnector' });
    for (let i = 0; i < VISITOR_MESSAGE_LIMIT.max; i++) {
      expect(await request(first.socket, 'visitor:send', { clientId: randomUUID(), body: `burst ${i}` })).toMatchObject({ ok: true });
    }
    first.socket.disconnect();
    const again = await connectVisitor(running.server.url, { visitorToken: first.session.visitorToken });
    expect(again.session.contactId).toBe(first.session.contactId);
    expect(await request(again.socket, 'visitor:send', { clientId: randomUUID(), body: 'one more' })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    });
  });
});
