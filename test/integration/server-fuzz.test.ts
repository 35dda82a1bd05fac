import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { roleSchema, type Role } from '../../shared/domain';
import { visitorAuthSchema } from '../../shared/protocol';
import { appErrorSchema, errorCodes, type Result } from '../../shared/errors';
import { httpStatusFor } from '../../server/http/http-errors';
import type { RegisteredRoute } from '../../server/app';
import { connectAgent, connectVisitor, data, login, request, signInDemoTeam } from '../support/server-fixture';
import { serverForFile } from '../support/server-for-file';
import { DEFAULT_AGENT_REQUEST_BUDGET, DEFAULT_VISITOR_REQUEST_BUDGET } from '../../server/realtime/request-budget';
import { FuzzRun } from '../support/fuzz-run';
import { malformedPayloads, nulBytePayloads, validSample } from '../support/fuzz-schema';
import { deepNesting, hostileValue, oddString, PROTOTYPE_KEYS } from '../support/fuzz-values';
import { AGENT_REQUEST_ROLES, fillRoute, ROUTE_POLICIES, routeKey, socketTargets } from '../support/fuzz-targets';


/** Cases per target; the totals are printed and must reach 1,000. */
const RUNS = { socketRequest: 7, visitorRequest: 12, unknownRequest: 12, handshake: 15, routeBody: 10, route: 8, nul: 4, wrongRole: 1 };

const run = new FuzzRun(20260107);
const TEAM_BY_ROLE: Record<Role, 'admin' | 'supervisor' | 'wang' | 'staff'> = { admin: 'admin', supervisor: 'supervisor', agent: 'wang', staff: 'staff' };
/** Everyone but admins: the callers a narrower rule may refuse. */
const NON_ADMINS = ['agent', 'supervisor', 'staff'] as const;
const allowsEveryRole = (roles: readonly Role[]) => roleSchema.options.every((r) => roles.includes(r));

type Ids = { conversationId: string; contactId: string; articleId: string; ruleId: string; channelId: string; orderId: string };

/**
 * The fuzzer is one caller sending thousands of requests on purpose: the per-socket budgets
 * (tested in server-abuse-budgets) would answer most of them `rate_limited` before the payload is
 * read, so here they are wide enough that every case reaches the checks it is meant to reach.
 */
const WIDE_BUDGET = { ...DEFAULT_AGENT_REQUEST_BUDGET, window: { max: 1_000_000, windowMs: 10_000 } };

describe('fuzzing every route and socket request of the server', () => {
  const running = serverForFile({ agentRequestBudget: WIDE_BUDGET, visitorRequestBudget: { ...DEFAULT_VISITOR_REQUEST_BUDGET, window: WIDE_BUDGET.window } });
  let tokens: Record<'admin' | 'supervisor' | 'wang' | 'li' | 'staff', string>;
  let sockets: Record<Role, Socket>;
  let visitor: Socket;
  let visitorToken: string;
  let ids: Ids;
  let routes: readonly RegisteredRoute[];

  beforeAll(async () => {
    const { url, db } = running.server;
    routes = running.server.routes;
    const team = await signInDemoTeam(url);
    // A department member without the agent desk: refused by everything but their tickets.
    const admin = await connectAgent(url, team.tokens.admin);
    const staffLogin = { email: 'fuzz.staff@demo.test', password: 'fuzz-staff-password' };
    data(await request(admin, 'admin:user:create', { ...staffLogin, name: 'Fuzz Staff', role: 'staff' }));
    admin.disconnect();
    tokens = { ...team.tokens, staff: (await login(url, staffLogin.email, staffLogin.password)).accessToken };
    sockets = {
      staff: await connectAgent(url, tokens.staff),
      admin: await connectAgent(url, tokens.admin),
      supervisor: await connectAgent(url, tokens.supervisor),
      agent: await connectAgent(url, tokens.wang),
    };
    const connected = await connectVisitor(url, { name: 'Fuzz visitor' });
    visitor = connected.socket;
    visitorToken = connected.session.visitorToken;
    const one = async (sql: string) => (await db.query<{ id: string }>(sql))[0]?.id ?? 'missing';
    ids = {
      conversationId: await one('SELECT id FROM conversations ORDER BY id LIMIT 1'),
      contactId: await one('SELECT id FROM contacts ORDER BY id LIMIT 1'),
      articleId: await one('SELECT id FROM kb_articles ORDER BY id LIMIT 1'),
      ruleId: await one('SELECT id FROM bot_rules ORDER BY id LIMIT 1'),
      channelId: await one('SELECT id FROM channels ORDER BY id LIMIT 1'),
      orderId: await one('SELECT id FROM orders ORDER BY id LIMIT 1'),
    };
    await running.server.router.settled();
  });

  let mark = 0;
  beforeEach(() => {
    mark = run.failures.length;
  });
  /** The failures found by the running test. */
  const newFailures = () => run.failures.slice(mark);

  afterAll(() => {
    console.log(`fuzz: ${run.cases} cases, ${run.failures.length} failures (seed ${run.seed})`);
  });

  /** The server is alive and answers its health check. */
  async function alive(target: string): Promise<void> {
    const response = await fetch(`${running.server.url}/healthz`).catch((err: unknown) => err as Error);
    if (response instanceof Error || response.status !== 200) run.fail(target, null, `/healthz did not answer after the case (${String(response)})`);
  }

  /** A socket ack that refuses with `code` (one of the stable codes, never `internal`). */
  function checkRefusal(target: string, input: unknown, ack: Result<unknown> | Error, codes: readonly string[]): 'accepted' | 'refused' {
    if (ack instanceof Error) {
      run.fail(target, input, `no answer: ${ack.message}`);
      return 'refused';
    }
    if (ack.ok) {
      run.fail(target, input, 'accepted, expected a refusal');
      return 'accepted';
    }
    if (!appErrorSchema.safeParse(ack.error).success || !codes.includes(ack.error.code)) {
      run.fail(target, input, `refused with ${JSON.stringify(ack.error).slice(0, 200)}, expected ${codes.join(' or ')}`);
    }
    return 'refused';
  }

  async function ask(socket: Socket, name: string, payload: unknown): Promise<Result<unknown> | Error> {
    try {
      return await (payload === undefined ? socket.timeout(10_000).emitWithAck(name) : request(socket, name, payload));
    } catch (err) {
      return err as Error;
    }
  }

  /** A socket that still works after the case, connected again (and the loss reported) if it did not. */
  async function stillConnected(target: string, role: Role | 'visitor'): Promise<void> {
    const socket = role === 'visitor' ? visitor : sockets[role];
    if (socket.connected) return;
    run.fail(target, null, `the server dropped the ${role} socket`);
    if (role === 'visitor') visitor = (await connectVisitor(running.server.url, { visitorToken })).socket;
    else sockets[role] = await connectAgent(running.server.url, tokens[TEAM_BY_ROLE[role]]);
  }

  it('every route and socket request says who may call it', () => {
    const undeclared = routes.map(routeKey).filter((key) => !(key in ROUTE_POLICIES));
    const stale = Object.keys(ROUTE_POLICIES).filter((key) => !routes.some((route) => routeKey(route) === key));
    expect({ undeclared, stale }, 'declare new routes in test/support/fuzz-targets.ts (ROUTE_POLICIES)').toEqual({ undeclared: [], stale: [] });
    const requests = socketTargets().filter((t) => t.namespace === 'agent').map((t) => t.name);
    expect(Object.keys(AGENT_REQUEST_ROLES).sort()).toEqual([...requests].sort());
    // Enumerated from the server, not from this file: the widget, sign-in, admin and webhook routes are all there.
    expect(routes.length).toBeGreaterThan(30);
  });

  it('malformed socket requests are refused with bad_request (invalid_input for NUL bytes) and change nothing', async () => {
    const { db } = running.server;
    for (const target of socketTargets()) {
      const name = `${target.namespace} ${target.name}`;
      const sample = validSample(target.payload);
      if (sample === undefined) {
        run.fail(name, null, 'no valid sample could be made from the schema to mutate');
        continue;
      }
      const count = target.namespace === 'visitor' ? RUNS.visitorRequest : RUNS.socketRequest;
      const inputs = run.sample(name, malformedPayloads(target.payload, sample), count);
      await run.each(db, name, inputs, async (payload) => {
        // Agents' requests go to an admin's socket: validation comes before the role check, so this reaches furthest.
        const socket = target.namespace === 'visitor' ? visitor : sockets.admin;
        const outcome = checkRefusal(name, payload, await ask(socket, target.name, payload), ['bad_request', 'invalid_input']);
        await stillConnected(name, target.namespace === 'visitor' ? 'visitor' : 'admin');
        return outcome;
      });
      await alive(name);
    }
    expect(newFailures()).toEqual([]);
  });

  it('a NUL byte in an otherwise valid socket request is refused with invalid_input', async () => {
    for (const target of socketTargets()) {
      const name = `${target.namespace} ${target.name} (NUL)`;
      const sample = validSample(target.payload);
      const arbitrary = sample === undefined ? undefined : nulBytePayloads(sample, target.payload);
      if (!arbitrary) continue;
      await run.each(running.server.db, name, run.sample(name, arbitrary, RUNS.nul), async (payload) => {
        const socket = target.namespace === 'visitor' ? visitor : sockets.admin;
        return checkRefusal(name, payload, await ask(socket, target.name, payload), ['invalid_input']);
      });
    }
    expect(newFailures()).toEqual([]);
  });

  it('requests a namespace does not know are refused with bad_request, not left unanswered', async () => {
    const targets = socketTargets();
    const names = fc.oneof(
      fc.constantFrom(...targets.filter((t) => t.namespace === 'visitor').map((t) => t.name)),
      fc.constantFrom(...PROTOTYPE_KEYS, 'toString', 'hasOwnProperty', 'valueOf'),
      fc.string({ minLength: 1, maxLength: 40 }).filter((n) => !targets.some((t) => t.name === n)),
      oddString.filter((n) => n.length > 0 && !targets.some((t) => t.name === n)),
    );
    const cases = run.sample('agent unknown request', fc.tuple(names, hostileValue), RUNS.unknownRequest);
    await run.each(running.server.db, 'agent unknown request', cases, async ([event, payload]) =>
      checkRefusal(`agent "${event}"`, payload, await ask(sockets.agent, event, payload), ['bad_request']),
    );
    const agentNames = fc.constantFrom(...targets.filter((t) => t.namespace === 'agent').map((t) => t.name), 'constructor', '__proto__');
    const visitorCases = run.sample('visitor unknown request', fc.tuple(agentNames, hostileValue), RUNS.unknownRequest);
    await run.each(running.server.db, 'visitor unknown request', visitorCases, async ([event, payload]) =>
      checkRefusal(`visitor "${event}"`, payload, await ask(visitor, event, payload), ['bad_request']),
    );
    await stillConnected('unknown requests', 'agent');
    await stillConnected('unknown requests', 'visitor');
    expect(newFailures()).toEqual([]);
  });

  it('malformed handshakes are refused with a stable code and leave no contact or session behind', async () => {
    const { url, db } = running.server;
    const connectRefusal = (auth: unknown, connect: typeof connectAgent | typeof connectVisitor) =>
      (connect as (url: string, auth: unknown) => Promise<unknown>)(url, auth).then(
        () => 'connected' as const,
        (err: Error & { data?: { code?: string } }) => err.data?.code ?? err.message,
      );
    const agentTokens = fc.oneof(hostileValue, fc.constant(visitorToken), fc.constant(`${tokens.wang.slice(0, -4)}AAAA`), fc.constant(undefined));
    await run.each(db, 'agent handshake', run.sample('agent handshake', agentTokens, RUNS.handshake), async (token) => {
      const code = await connectRefusal(token, connectAgent as never);
      if (!['unauthorized', 'token_expired'].includes(code)) run.fail('agent handshake', token, `answered ${code}, expected unauthorized`);
      return 'refused';
    });
    const visitorAuth = fc
      .oneof(
        hostileValue.map((name) => ({ name })),
        hostileValue.map((visitorToken) => ({ visitorToken })),
        hostileValue.map((channelId) => ({ channelId })),
        fc.record({ identity: hostileValue }),
        fc.record({ name: fc.constant('x'.repeat(81)) }),
      )
      .filter((auth) => !visitorAuthSchema.safeParse(auth).success);
    await run.each(db, 'visitor handshake', run.sample('visitor handshake', visitorAuth, RUNS.handshake), async (auth) => {
      const code = await connectRefusal(auth, ((u: string, a: Record<string, unknown>) => connectVisitor(u, a)) as never);
      if (code !== 'bad_request') run.fail('visitor handshake', auth, `answered ${code}, expected bad_request`);
      return code === 'connected' ? 'accepted' : 'refused';
    });
    await alive('handshakes');
    expect(newFailures()).toEqual([]);
  });

  /** Sends one HTTP request; the answer's status and JSON (or text) body. */
  async function send(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) {
    const body = method === 'GET' || method === 'HEAD' ? undefined : init.body;
    const headers = { ...init.headers };
    // A content type without a body is a client's mistake Fastify refuses before any route runs.
    if (body === undefined) delete headers['content-type'];
    const response = await fetch(`${running.server.url}${path}`, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text };
  }

  /** An HTTP answer that is either a success or one of our JSON errors with a stable code and its status. */
  function checkHttp(target: string, input: unknown, answer: { status: number; json: unknown; text: string }, expected?: readonly string[]): 'accepted' | 'refused' {
    if (answer.status < 400) return 'accepted';
    if (ROUTE_POLICIES[target]?.files) {
      // Pages answer in HTML (or say the widget is not built yet, 503): anything but a crash.
      if (answer.status === 500) run.fail(target, input, `answered 500: ${answer.text.slice(0, 200)}`);
      return 'refused';
    }
    const error = appErrorSchema.safeParse(answer.json);
    if (!error.success) {
      run.fail(target, input, `answered ${answer.status} without our JSON error: ${answer.text.slice(0, 200)}`);
      return 'refused';
    }
    const { code } = error.data;
    if (code === 'internal' || answer.status >= 500) run.fail(target, input, `answered ${answer.status} ${code}: ${error.data.message.slice(0, 200)}`);
    else if (answer.status !== 413 && answer.status !== httpStatusFor(code)) run.fail(target, input, `answered ${answer.status} with code ${code}`);
    else if (expected && !expected.includes(code)) run.fail(target, input, `answered ${code}, expected ${expected.join(' or ')}`);
    return 'refused';
  }

  /** A real id for a path parameter of a route body cases are sent to (so the body is what is refused). */
  function realParam(url: string, param: string): string {
    if (url.startsWith('/api/kb/')) return ids.articleId;
    if (url.startsWith('/api/bot/')) return ids.ruleId;
    if (url.startsWith('/api/orders/')) return ids.orderId;
    if (url.startsWith('/api/contacts/')) return ids.contactId;
    if (param === 'channelId' || url.startsWith('/api/channels')) return ids.channelId;
    return 'x';
  }

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('malformed HTTP bodies are refused with 400 bad_request and change nothing', async () => {
    const { db } = running.server;
    for (const route of routes) {
      const key = routeKey(route);
      const schema = ROUTE_POLICIES[key]?.body;
      if (!schema) continue;
      const sample = validSample(schema);
      if (sample === undefined) {
        run.fail(key, null, 'no valid sample could be made from the schema to mutate');
        continue;
      }
      const path = fillRoute(route.url, (param) => realParam(route.url, param));
      const nul = nulBytePayloads(sample, schema);
      const inputs = [
        ...run.sample(key, malformedPayloads(schema, sample).filter((p) => p !== undefined), RUNS.routeBody),
        ...(nul ? run.sample(`${key} (NUL)`, nul, RUNS.nul) : []),
      ];
      await run.each(db, key, inputs, async (body) => {
        const headers = { 'content-type': 'application/json', ...bearer(tokens.admin) };
        const answer = await send(route.method, path, { body: JSON.stringify(body), headers });
        if (answer.status < 400) run.fail(key, body, `accepted with ${answer.status}`);
        return checkHttp(key, body, answer, ['bad_request', 'invalid_input']);
      });
      await alive(key);
    }
    expect(newFailures()).toEqual([]);
  });

  it('every route answers hostile paths, queries and bodies without a crash, with a stable code, and changes nothing it refused', async () => {
    const { db } = running.server;
    const contentTypes = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x', '');
    const rawBodies = fc.oneof(
      hostileValue.map((v) => JSON.stringify(v) ?? ''),
      deepNesting.map((v) => JSON.stringify(v)),
      fc.constantFrom('{', '{"a":', '\u0000', '[]]', '{"__proto__": {"isAdmin": true}}', '{"constructor": {"prototype": {"isAdmin": true}}}', '<xml><a>&lol;</a></xml>', ''),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    const text = oddString;
    const pathPart = text.filter((s) => s.length > 0);
    const query = fc.dictionary(fc.oneof(fc.constantFrom('q', 'query', 'limit', 'before', 'conversationId', 'lang', '__proto__', 'hub.challenge', 'echostr'), fc.string({ maxLength: 8 })), text, { maxKeys: 4 });
    for (const route of routes) {
      const key = routeKey(route);
      const policy = ROUTE_POLICIES[key];
      const cases = fc.record({
        params: fc.array(pathPart, { minLength: 2, maxLength: 2 }),
        query,
        body: rawBodies,
        contentType: contentTypes,
      });
      await run.each(db, key, run.sample(`${key} hostile`, cases, RUNS.route), async (c) => {
        let i = 0;
        const path = fillRoute(route.url, () => c.params[i++ % 2]!) + `?${new URLSearchParams(c.query).toString()}`;
        // Signed-in routes get an admin's token, so the request gets past the sign-in check.
        const auth = policy && Array.isArray(policy.callers) ? bearer(tokens.admin) : {};
        const headers: Record<string, string> = { ...auth, ...(c.contentType ? { 'content-type': c.contentType } : {}) };
        const answer = await send(route.method, path, { body: c.body, headers });
        return checkHttp(key, { path, body: c.body, contentType: c.contentType }, answer);
      });
      await alive(key);
    }
    expect(newFailures()).toEqual([]);
  });

  it('a body over the limit answers 413 on every route that reads one', async () => {
    for (const route of routes.filter((r) => r.method !== 'GET' && !ROUTE_POLICIES[routeKey(r)]?.upload)) {
      const key = routeKey(route);
      // Just past the route's limit: 1 MB everywhere, 32 MB for a knowledge import.
      const big = JSON.stringify({ body: 'x'.repeat((route.url === '/api/kb/import' ? 32 : 1) * 1024 * 1024 + 1) });
      const policy = ROUTE_POLICIES[key];
      const headers = { 'content-type': 'application/json', ...(policy && Array.isArray(policy.callers) ? bearer(tokens.admin) : {}) };
      await run.each(running.server.db, `${key} (large body)`, [big.length], async () => {
        const answer = await send(route.method, fillRoute(route.url, (param) => realParam(route.url, param)), { body: big, headers });
        if (answer.status !== 413) run.fail(key, `${big.length} bytes`, `answered ${answer.status}, expected 413`);
        return checkHttp(key, 'large body', answer);
      });
    }
    expect(newFailures()).toEqual([]);
  });

  it('a caller without the role is refused with forbidden, and nothing changes', async () => {
    const { db } = running.server;
    for (const target of socketTargets()) {
      if (!target.roles || allowsEveryRole(target.roles)) continue;
      const sample = withRealIds(validSample(target.payload), ids);
      for (const role of NON_ADMINS.filter((r) => !target.roles!.includes(r))) {
        const name = `${target.name} as ${role}`;
        await run.each(db, name, [sample], async (payload) => checkRefusal(name, payload, await ask(sockets[role], target.name, payload), ['forbidden']));
      }
    }
    for (const route of routes) {
      const key = routeKey(route);
      const policy = ROUTE_POLICIES[key];
      if (!policy || !Array.isArray(policy.callers) || allowsEveryRole(policy.callers)) continue;
      const body = policy.body ? JSON.stringify(validSample(policy.body)) : undefined;
      const path = fillRoute(route.url, (param) => realParam(route.url, param));
      for (const role of NON_ADMINS.filter((r) => !(policy.callers as readonly Role[]).includes(r))) {
        const name = `${key} as ${role}`;
        await run.each(db, name, [body], async () => {
          const answer = await send(route.method, path, { body, headers: { 'content-type': 'application/json', ...bearer(tokens[TEAM_BY_ROLE[role]]) } });
          return checkHttp(name, body, answer, ['forbidden']) === 'accepted' ? (run.fail(name, body, `accepted with ${answer.status}`), 'accepted') : 'refused';
        });
      }
    }
    expect(newFailures()).toEqual([]);
  });

  it('without a sign-in (no token, a widget visitor token, a forged token) every non-public route answers 401', async () => {
    const { db } = running.server;
    const forged = `${tokens.admin.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`;
    const callers: [string, Record<string, string>][] = [
      ['no token', {}],
      ['a visitor token', bearer(visitorToken)],
      ['a forged token', bearer(forged)],
      ['a malformed header', { authorization: 'Bearer' }],
    ];
    for (const route of routes) {
      const key = routeKey(route);
      const policy = ROUTE_POLICIES[key];
      if (!policy || policy.callers === 'public') continue;
      const body = policy.body ? JSON.stringify(validSample(policy.body)) : '{}';
      const path = fillRoute(route.url, (param) => realParam(route.url, param));
      for (const [who, headers] of callers) {
        const name = `${key} with ${who}`;
        await run.each(db, name, [who], async () => {
          const answer = await send(route.method, path, { body, headers: { 'content-type': 'application/json', ...headers } });
          // A platform's webhook refuses an unknown or unset channel before it looks at a signature.
          const expected = policy.callers === 'signed'
            ? ['unauthorized', 'forbidden', 'not_found', ...(policy.refusedWith ? [policy.refusedWith] : [])]
            : ['unauthorized', 'token_expired'];
          if (answer.status < 400) run.fail(name, body, `accepted with ${answer.status}`);
          return checkHttp(name, body, answer, expected);
        });
      }
    }
    expect(newFailures()).toEqual([]);
  });

  it('the run sent at least 1,000 cases', () => {
    expect(run.cases).toBeGreaterThanOrEqual(1000);
    expect(errorCodes).toContain('bad_request');
  });
});

/** A valid payload with the ids of real rows, so a refusal is about the role and not a missing row. */
function withRealIds(sample: unknown, ids: Ids): unknown {
  if (!sample || typeof sample !== 'object' || Array.isArray(sample)) return sample;
  const out: Record<string, unknown> = { ...(sample as Record<string, unknown>) };
  if ('conversationId' in out) out.conversationId = ids.conversationId;
  if ('contactId' in out) out.contactId = ids.contactId;
  return out;
}
