import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../../server/db/open-db';
import { DEMO_USERS } from '../../server/db/demo-credentials';
import { freePort, ServerProcess } from '../support/server-process';
import { createThrowawayDatabase, postgresReachable } from '../support/postgres';
import { startRecordingServer } from '../support/recording-server';
import { SoakAgent } from './soak-agent';
import { ApiCustomer, WidgetCustomer, type ApiInbox, type CustomerRecord } from './soak-customers';
import { customerPlan, nobodyOnlineWindow, restartAtMs, soakSettingsFromEnv, teamPlan } from './soak-plan';
import { checkSoak } from './soak-report';

/*
 * `npm run soak`: customers on the widget and the API channel over loopback for SOAK_MINUTES
 * (default 10), SOAK_CUSTOMERS of them (default 200), agents leaving and coming back, the server
 * restarted (SIGTERM) half-way. Bounded: it stops by itself after the run and its drain time.
 * Prints one JSON line per figure and exits non-zero when a message was lost or duplicated or a
 * customer was left neither answered nor told.
 */

const settings = soakSettingsFromEnv();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-soak-'));
const port = await freePort();
// SOAK_DATABASE=postgres runs on a throwaway database of the PostgreSQL on 127.0.0.1:5432.
const onPostgres = process.env.SOAK_DATABASE === 'postgres';
if (onPostgres && !(await postgresReachable())) throw new Error('SOAK_DATABASE=postgres, but no PostgreSQL answers on 127.0.0.1:5432');
const postgres = onPostgres ? await createThrowawayDatabase('empty') : null;
// Every soak customer comes from loopback: the address allows them all.
const server = new ServerProcess(port, {
  SWITCHBOARD_DATA_DIR: dataDir, DATABASE_URL: postgres?.url ?? '', SWITCHBOARD_NEW_VISITORS_PER_MINUTE: String(settings.customers),
});
const url = () => server.url;
const log = (what: string) => console.log(`[soak ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${what}`);

const shopApp = await startRecordingServer();
const inbox: ApiInbox = new Map();
const seenWebhooks = new Map<string, number>();
shopApp.answer((request) => {
  const body = request.json as { contact?: { id?: string }; message?: { id: string; text: string; sender: { type: string } } } | null;
  if (body?.contact?.id && body.message) {
    seenWebhooks.set(body.message.id, (seenWebhooks.get(body.message.id) ?? 0) + 1);
    const list = inbox.get(body.contact.id) ?? [];
    if (!list.some((m) => m.id === body.message!.id)) list.push({ id: body.message.id, text: body.message.text, senderType: body.message.sender.type });
    inbox.set(body.contact.id, list);
  }
  return { status: 200, json: { id: `app-${body?.message?.id ?? 'x'}` } };
});

let started = Date.now();
await server.start();
log(`server on ${server.url}; database: ${postgres ? 'PostgreSQL (throwaway database on 127.0.0.1:5432)' : `PGlite in ${dataDir}`}`);
const admin = DEMO_USERS.find((u) => u.role === 'admin')!;
const adminTokens = (await (await fetch(`${url()}/api/auth/login`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: admin.email, password: admin.password }),
})).json()) as { accessToken: string };
const apiToken = 'soak-api-token-0123456789';
const created = await fetch(`${url()}/api/channels`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${adminTokens.accessToken}` },
  body: JSON.stringify({ kind: 'api', name: 'Soak shop app', config: { webhookUrl: `${shopApp.url}/replies` }, secrets: { apiToken, webhookSecret: 'soak-webhook-secret' } }),
});
if (created.status !== 201) throw new Error(`could not create the API channel: ${created.status} ${await created.text()}`);
const apiChannel = { id: ((await created.json()) as { channel: { id: string } }).channel.id, token: apiToken };

const agentUsers = { wang: 'wang.fang@demo.test', li: 'li.lei@demo.test', emma: 'emma@demo.test' } as const;
const agents = Object.fromEntries(
  Object.entries(agentUsers).map(([who, email]) => [who, new SoakAgent(url, email, DEMO_USERS.find((u) => u.email === email)!.password)]),
) as Record<keyof typeof agentUsers, SoakAgent>;
await Promise.all(Object.values(agents).map((a) => a.comeOnline()));

started = Date.now();
const endAt = started + settings.durationMs + settings.drainMs;
const over = () => Date.now() > endAt;
log(`${settings.customers} customers over ${settings.durationMs / 60_000} min (drain up to ${settings.drainMs / 1000} s)`);

const customers: (WidgetCustomer | ApiCustomer)[] = [];
const runs: Promise<void>[] = [];
const timers: NodeJS.Timeout[] = [];
for (const plan of customerPlan(settings)) {
  timers.push(setTimeout(() => {
    const customer = plan.channel === 'widget' ? new WidgetCustomer(url, plan.index) : new ApiCustomer(url, apiChannel, inbox, plan.index);
    customers.push(customer);
    runs.push(customer.run(over));
  }, plan.arriveAtMs));
}
for (const event of teamPlan(settings)) {
  timers.push(setTimeout(() => {
    const who = event.who === 'all' ? (Object.keys(agents) as (keyof typeof agents)[]) : [event.who];
    log(`${who.join(', ')} ${event.presence === 'online' ? 'come back' : 'leave'}`);
    for (const w of who) {
      if (event.presence === 'online') void agents[w].comeOnline();
      else if (event.how === 'signs-off') void agents[w].signOff();
      else agents[w].leave();
    }
  }, event.atMs));
}
let restartMs = 0;
const restarted = new Promise<void>((resolve) => {
  timers.push(setTimeout(() => {
    void (async () => {
      log('server: SIGTERM');
      const t0 = Date.now();
      await server.stop();
      await server.start();
      restartMs = Date.now() - t0;
      log(`server: back after ${restartMs} ms`);
      resolve();
    })();
  }, restartAtMs(settings)));
});

// Ends when every customer is done, or when the drain time runs out.
await new Promise<void>((resolve) => {
  const poll = setInterval(() => {
    const allArrived = customers.length === settings.customers;
    if ((allArrived && customers.every((c) => c.record.done)) || over()) {
      clearInterval(poll);
      resolve();
    }
  }, 500);
});
await restarted;
for (const t of timers) clearTimeout(t);
const elapsedMs = Date.now() - started;
for (const c of customers) c.close();
await Promise.all(runs);
for (const a of Object.values(agents)) a.stop();
await server.stop();
await shopApp.close();

const db = await openDb(postgres ? { databaseUrl: postgres.url } : { dataDir });
const records: CustomerRecord[] = customers.map((c) => c.record);
const window = nobodyOnlineWindow(settings);
const report = await checkSoak(db, records, {
  apiChannelId: apiChannel.id, webhookDeliveries: seenWebhooks,
  // A few seconds after the team signed off, for the sign-offs to be heard.
  nobodyOnline: { from: started + window.fromMs + 5_000, to: started + window.toMs },
});
await db.close();
await rm(dataDir, { recursive: true, force: true });
await postgres?.drop();

const figures = {
  database: postgres ? 'postgres' : 'pglite',
  customers: settings.customers, elapsedSeconds: Math.round(elapsedMs / 1000), restartMs,
  agentReplies: Object.values(agents).reduce((n, a) => n + a.figures.replies, 0),
  agentReconnects: Object.values(agents).reduce((n, a) => n + a.figures.reconnects, 0),
  customerRetries: records.reduce((n, r) => n + r.retries, 0),
  ...report.figures,
};
for (const [name, value] of Object.entries(figures)) console.log(JSON.stringify({ soak: name, value }));
if (report.problems.length > 0) {
  console.log(`soak: FAILED (${report.problems.length} problems)`);
  for (const p of report.problems.slice(0, 30)) console.log(`  - ${p}`);
  process.exit(1);
}
console.log('soak: passed: no message lost or duplicated; every customer answered or told and holding a left message');
process.exit(0);
