import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { DEFAULT_NEW_VISITOR_LIMIT } from '../../server/realtime/visitor-namespace';
import { DEFAULT_AGENT_REQUEST_BUDGET } from '../../server/realtime/request-budget';
import type { Result } from '../../shared/errors';
import { connectAgent, connectVisitor, data, login, DEMO_LOGINS, request, visitorSays } from '../support/server-fixture';
import { serverForFile } from '../support/server-for-file';

const countContacts = async (db: { query<T>(sql: string): Promise<T[]> }) =>
  Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts'))[0]!.n);

/**
 * POSTs a body of `totalBytes` chunk by chunk, and stops sending as soon as the server answers:
 * `sentBeforeAnswer` below `totalBytes` means it answered without waiting for the whole body.
 * `headersOnly`: sends nothing after the headers and waits for the answer (the declared length alone decides).
 */
function postInChunks(
  url: string,
  path: string,
  headers: Record<string, string>,
  totalBytes: number,
  headersOnly = false,
): Promise<{ status: number; body: { code?: string }; sentBeforeAnswer: number }> {
  const chunk = Buffer.alloc(64 * 1024, ' ');
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(new URL(path, url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(totalBytes), ...headers },
    });
    req.on('response', (res) => {
      answered = true;
      const sentBeforeAnswer = sent;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (part: string) => (text += part));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { code?: string }, sentBeforeAnswer });
      });
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const sendMore = () => {
      if (answered || sent >= totalBytes) {
        if (!answered) req.end();
        return;
      }
      const piece = chunk.subarray(0, Math.min(chunk.length, totalBytes - sent));
      sent += piece.length;
      req.write(piece, (err) => {
        if (!err) setImmediate(sendMore);
      });
    };
    if (headersOnly) req.flushHeaders();
    else sendMore();
  });
}

async function healthz(url: string): Promise<number> {
  return (await fetch(`${url}/healthz`)).status;
}

describe('new widget visitors from one address', () => {
  // Time stands still, so the whole flood falls in one budget window however slowly it is served.
  const startedAt = Date.now();
  const running = serverForFile({ clock: () => startedAt });

  it('300 sockets at once make at most the budgeted contacts; the rest are refused with rate_limited and the server stays responsive', async () => {
    const before = await countContacts(running.server.db);
    const outcomes = await Promise.allSettled(Array.from({ length: 300 }, (_, i) => connectVisitor(running.server.url, { name: `Flood ${i}` })));
    const health = await healthz(running.server.url);

    const admitted = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as Error & { data?: { code: string; details?: Record<string, string> } }] : []));
    expect(admitted.length).toBe(DEFAULT_NEW_VISITOR_LIMIT.max);
    expect(refused).toHaveLength(300 - DEFAULT_NEW_VISITOR_LIMIT.max);
    expect(refused.every((err) => err.data?.code === 'rate_limited' && Number(err.data.details?.retryAfterSeconds) > 0)).toBe(true);
    expect((await countContacts(running.server.db)) - before).toBe(DEFAULT_NEW_VISITOR_LIMIT.max);
    expect(health).toBe(200);

    // A customer coming back with their token is not a new visitor: still welcome, still the same contact.
    const first = admitted[0]!.value;
    const again = await connectVisitor(running.server.url, { visitorToken: first.session.visitorToken });
    expect(again.session.contactId).toBe(first.session.contactId);
    expect((await countContacts(running.server.db)) - before).toBe(DEFAULT_NEW_VISITOR_LIMIT.max);
  });
});

describe('an agent socket that floods the server with requests', () => {
  const running = serverForFile();

  it('300 sync:changes at once: the excess is refused with rate_limited and a retry hint, every request is answered, others are served', async () => {
    const signIn = async (who: 'wang' | 'li') => {
      const [email, password] = DEMO_LOGINS[who];
      return connectAgent(running.server.url, (await login(running.server.url, email, password)).accessToken);
    };
    const [flooder, colleague] = [await signIn('wang'), await signIn('li')];
    const flood = Array.from({ length: 300 }, () => request(flooder, 'sync:changes', { after: 0, limit: 1000 }));
    const [health, colleagueSync] = await Promise.all([healthz(running.server.url), request(colleague, 'sync:changes', { after: 0, limit: 1000 })]);
    const results = await Promise.all(flood);

    const refused = results.filter((r): r is Extract<Result<unknown>, { ok: false }> => !r.ok);
    const served = results.length - refused.length;
    // One page runs at a time and a few wait; what arrives while the line is full is refused at once.
    expect(served).toBeGreaterThanOrEqual(1 + DEFAULT_AGENT_REQUEST_BUDGET.heavyWaiting);
    expect(served).toBeLessThan(300 / 4);
    expect(refused.every((r) => r.error.code === 'rate_limited' && Number(r.error.details?.retryAfterSeconds) >= 1)).toBe(true);
    expect(health).toBe(200);
    expect(colleagueSync).toMatchObject({ ok: true });
  });
});

describe('request bodies', () => {
  const running = serverForFile();

  it('a knowledge import without a token is refused with 401 before its body is read', async () => {
    const total = 30 * 1024 * 1024;
    const answer = await postInChunks(running.server.url, '/api/kb/import', {}, total);
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('unauthorized');
    expect(answer.sentBeforeAnswer).toBeLessThan(total);
  });

  it('a 10 MB body is answered 413 payload_too_large, not 400', async () => {
    const [email, password] = DEMO_LOGINS.admin;
    const { accessToken } = await login(running.server.url, email, password);
    const answer = await postInChunks(running.server.url, '/api/kb/articles', { authorization: `Bearer ${accessToken}` }, 10 * 1024 * 1024, true);
    expect(answer.status).toBe(413);
    expect(answer.body.code).toBe('payload_too_large');
  });
});

describe('text with a NUL byte', () => {
  const running = serverForFile();

  it('is refused with 400 invalid_input naming the field over REST, and nothing is stored', async () => {
    const [email, password] = DEMO_LOGINS.admin;
    const { accessToken } = await login(running.server.url, email, password);
    const response = await fetch(`${running.server.url}/api/kb/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ lang: 'en', title: 'Returns\u0000', body: 'How to return an order' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'invalid_input', details: { field: 'title' } });
    const stored = await running.server.db.query("SELECT id FROM kb_articles WHERE body = 'How to return an order'");
    expect(stored).toHaveLength(0);

    const signIn = await fetch(`${running.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.test\u0000', password: 'x' }),
    });
    expect(signIn.status).toBe(400);
    expect(await signIn.json()).toMatchObject({ code: 'invalid_input', details: { field: 'email' } });
  });

  it('is refused with invalid_input on a socket, from customers and agents alike, and the connection stays usable', async () => {
    const visitor = await connectVisitor(running.server.url, { name: 'Nul Tester' });
    const sent = await request(visitor.socket, 'visitor:send', { clientId: randomUUID(), body: 'hello\u0000' });
    expect(sent).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { field: 'body' } } });
    const { conversationId } = await visitorSays(running.server, { socket: visitor.socket, contactId: visitor.session.contactId }, 'hello');

    const [email, password] = DEMO_LOGINS.supervisor;
    const agent = await connectAgent(running.server.url, (await login(running.server.url, email, password)).accessToken);
    const renamed = await request(agent, 'contacts:rename', { contactId: visitor.session.contactId, name: 'Ann\u0000' });
    expect(renamed).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { field: 'name' } } });
    expect(conversationId).toBeTruthy();

    await expect(connectVisitor(running.server.url, { name: 'Bad\u0000Name' })).rejects.toMatchObject({ data: { code: 'invalid_input' } });
  });
});

describe('display names', () => {
  const running = serverForFile();

  it('lose right-to-left overrides and zero-width characters, from customers and from agents', async () => {
    const visitor = await connectVisitor(running.server.url, { name: '\u202Egnp.exe\u200B' });
    expect(visitor.session.name).toBe('gnp.exe');
    const rows = await running.server.db.query<{ name: string }>('SELECT name FROM contacts WHERE id = $1', [visitor.session.contactId]);
    expect(rows[0]!.name).toBe('gnp.exe');

    const [email, password] = DEMO_LOGINS.supervisor;
    const agent: Socket = await connectAgent(running.server.url, (await login(running.server.url, email, password)).accessToken);
    const renamed = data(await request<{ contact: { name: string } }>(agent, 'contacts:rename', {
      contactId: visitor.session.contactId,
      name: 'Invoice\u2067\u202E fdp.exe\u2069',
    }));
    expect(renamed.contact.name).toBe('Invoice fdp.exe');

    // A colleague's name, as an admin writes it.
    const [adminEmail, adminPassword] = DEMO_LOGINS.admin;
    const admin = await connectAgent(running.server.url, (await login(running.server.url, adminEmail, adminPassword)).accessToken);
    const created = data(await request<{ user: { name: string } }>(admin, 'admin:user:create', {
      email: 'new.colleague@demo.test', name: '\u202Bsupport\u200C admin\u2069', role: 'agent', password: 'a-long-enough-password',
    }));
    expect(created.user.name).toBe('support admin');

    // A name of nothing but invisible characters is an empty name.
    expect(await request(agent, 'contacts:rename', { contactId: visitor.session.contactId, name: '\u202E\u200D' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
  });
});
