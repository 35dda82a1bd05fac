import Fastify, { type FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import type { Db } from './db/db';
import { openDb } from './db/open-db';
import { isDatabaseEmpty, seedDemo } from './db/seed-demo';
import { systemClock, type Clock } from './lib/clock';
import { systemTimers, type Timers } from './lib/timers';
import { EventBus } from './domain/events';
import { pushDomainEvents } from './realtime/push-domain-events';
import { socketAgentConnections } from './realtime/socket-agent-connections';
import { handleHttpError } from './http/http-errors';
import { authenticateBeforeBody } from './http/authenticate-first';
import { refuseNulBytes } from '../shared/text/nul-byte';
import type { LimiterRule } from './lib/window-limiter';
import type { RequestBudgetLimits } from './realtime/request-budget';
import { registerAuthRoutes } from './domain/auth/auth-routes';
import { SignInThrottle } from './domain/auth/sign-in-throttle';
import { proxyTrust, type TrustProxySetting } from './http/client-address';
import { resolveTokenSecret } from './domain/auth/token-secret';
import { registerAgentNamespace } from './realtime/agent-namespace';
import { registerVisitorNamespace } from './realtime/visitor-namespace';
import { registerWidgetPage } from './widget/widget-page';
import { Router } from './domain/routing/router';
import { registerAuditRoutes } from './domain/audit/audit-routes';
import { SensitiveWordCache } from './domain/sensitive/sensitive-screen';
import { ActivityRelay } from './realtime/activity-relay';
import { TypingRelay } from './realtime/typing-relay';
import { KnowledgeCache } from './domain/bot/knowledge-cache';
import { BotService } from './domain/bot/bot-service';
import { registerBotRoutes } from './domain/bot/bot-routes';
import { registerLearningRoutes } from './domain/bot/learning/learning-routes';
import { registerKnowledgeRoutes } from './domain/knowledge/knowledge-routes';
import { registerChannelAdapters, type ChannelAdapters } from './channels/channel-adapters';
import type { RetryPolicy } from './channels/framework/retry-policy';
import { applyChannelsFile } from './domain/channels/channels-file';
import { OrderEvents } from './domain/orders/order-events';
import { registerOrderEventRoutes } from './domain/orders/order-events-routes';
import { registerOrdersRoutes } from './domain/orders/orders-routes';
import { AiService } from './domain/ai/ai-service';
import { registerAiRoutes } from './domain/ai/ai-routes';
import { SlaSweep } from './domain/tickets/sla/sla-sweep';
import { registerTicketStatsCsvRoute } from './domain/tickets/stats/stats-csv-route';
import { TicketService } from './domain/tickets/ticket-service';
import { registerTicketApiRoutes } from './domain/tickets/ticket-api-routes';

export type ServerOptions = {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** The built chat page to serve at /widget/; omitted: out/widget/ from `npm run build:widget`. */
  widgetDir?: string;
  /** Where PGlite keeps its data (`<dataDir>/pgdata`) and the token secret. Omitted: in memory. */
  dataDir?: string;
  /** postgres://… switches from PGlite to PostgreSQL. */
  databaseUrl?: string;
  /** 'if-empty' (default) loads the demo shop into a database without accounts. */
  seed?: 'if-empty' | 'never';
  log?: boolean;
  tokenSecret?: string;
  /** Injected time for tests of token expiry. */
  clock?: Clock;
  /**
   * The scheduler of every server timer (routing sweep and offer wake-ups, activity sweep and
   * flush, delivery poll, WeChat reply budget); real timers when omitted. Pass with `clock`.
   */
  timers?: Timers;
  /** How often the router looks for expired offers, expired grace periods and reopened groups (ms). */
  routingSweepMs?: number;
  /** How often the SLA clock looks for tickets near or past their targets (ms, default 30 s). */
  slaSweepMs?: number;
  /** Writes the server's log lines (warnings and errors, as JSON) here instead of `log`. */
  logStream?: { write(line: string): void };
  /** A JSON file of channels applied at start (SWITCHBOARD_CHANNELS_FILE; see README). */
  channelsFile?: string;
  /** The SMTP listener for email channels (SWITCHBOARD_SMTP_PORT); 0 picks a free port. None when omitted. */
  smtp?: { port: number; host?: string };
  /** How replies to platform channels are retried, and how often due ones are looked for (ms). */
  deliveryRetry?: RetryPolicy;
  deliveryPollMs?: number;
  /** How long a WeChat callback may take before it is answered anyway (ms, default 4000). */
  wechatReplyBudgetMs?: number;
  /** New widget visitors per address (SWITCHBOARD_NEW_VISITORS_PER_MINUTE); 30 a minute when omitted. */
  newVisitorLimit?: LimiterRule;
  /** What one workstation socket may ask at once; DEFAULT_AGENT_REQUEST_BUDGET when omitted. */
  agentRequestBudget?: RequestBudgetLimits;
  /** What one widget visitor socket may ask at once; DEFAULT_VISITOR_REQUEST_BUDGET when omitted. */
  visitorRequestBudget?: RequestBudgetLimits;
  /** The reverse proxies allowed to say who the client is (SWITCHBOARD_TRUST_PROXY); none when omitted. */
  trustProxy?: TrustProxySetting;
  /** How often left messages and solved tickets are looked at (ms); DEFAULT_TICKET_SWEEP_MS when omitted. */
  ticketSweepMs?: number;
};

/** One HTTP route as Fastify registered it (HEAD routes Fastify adds for GET are left out). */
export type RegisteredRoute = { method: string; url: string };

export type RunningServer = {
  url: string;
  port: number;
  db: Db;
  io: Server;
  /** Routing: tests wait on `router.settled()` before comparing with the database. */
  router: Router;
  /** Whether this start loaded the demo data. */
  seeded: boolean;
  /** Platform channels: the delivery queue and the SMTP listener's port. */
  channels: Pick<ChannelAdapters, 'deliveries' | 'webhooks' | 'smtpPort'>;
  /** Every HTTP route the server answers, collected as they were registered (the fuzz tests walk them all). */
  routes: readonly RegisteredRoute[];
  /** The optional AI provider: tests wait on `ai.indexer.settled()` and read `ai.failureCounts()`. */
  ai: Pick<AiService, 'indexer' | 'failureCounts' | 'settled'>;
  /** The SLA clock: tests move the server's clock on and call `sweep()`. */
  slaSweep: Pick<SlaSweep, 'sweep'>;
  /** Tickets' own work: tests run `tickets.sweep()` after moving the clock. */
  tickets: Pick<TicketService, 'sweep'>;
  /** Stops accepting connections, disconnects sockets and closes the database. */
  close(): Promise<void>;
};

/** Starts the HTTP API, the socket.io namespaces and the widget page on one port. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? systemTimers;
  const host = options.host ?? '127.0.0.1';
  const db = await openDb({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  let app: FastifyInstance | undefined;
  let io: Server | undefined;
  let router: Router | undefined;
  let activity: ActivityRelay | undefined;
  let channels: ChannelAdapters | undefined;
  let slaSweep: SlaSweep | undefined;
  let tickets: TicketService | undefined;
  try {
    const seeded = options.seed !== 'never' && (await isDatabaseEmpty(db)) ? (await seedDemo(db)).seeded : false;
    const secret = await resolveTokenSecret({ tokenSecret: options.tokenSecret, dataDir: options.dataDir, db });
    if (options.channelsFile) await applyChannelsFile(db, options.channelsFile);

    const logger = options.logStream ? { level: 'warn', stream: options.logStream } : (options.log ?? false);
    // One trust test for request.ip and for socket handshakes (clientAddress in server/http/client-address.ts).
    const trust = proxyTrust(options.trustProxy);
    const fastify = Fastify({ logger, bodyLimit: 1024 * 1024, trustProxy: trust ?? false });
    app = fastify;
    const routes: RegisteredRoute[] = [];
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
    });
    app.setErrorHandler(handleHttpError);
    app.setNotFoundHandler((_request, reply) => reply.status(404).send({ code: 'not_found', message: 'no such page' }));
    // PostgreSQL cannot store NUL in text: such input is refused with invalid_input before any route reads it.
    app.addHook('preValidation', async (request) => {
      for (const part of [request.params, request.query, request.body]) refuseNulBytes(part);
    });
    // Before any route: every /api/ route but the public ones checks its token before reading a body.
    authenticateBeforeBody(app, { db, secret, clock });
    app.get('/healthz', async () => ({ ok: true }));
    const logError = (err: unknown, context: string) => app?.log.error({ err, context }, 'request failed');
    // Domain code tells what changed here; the realtime listeners (below) push it to sockets.
    const events = new EventBus(logError);
    registerAuthRoutes(app, {
      db, secret, clock, events, throttle: new SignInThrottle(clock),
      onSignedOut: async (accountId, userId, socketId) => void (await router?.signedOut(accountId, userId, socketId)),
    });
    registerAuditRoutes(app, { db, secret, clock });
    const knowledge = new KnowledgeCache(db);
    registerKnowledgeRoutes(app, { db, secret, clock, knowledge, events });
    registerBotRoutes(app, { db, secret, clock });
    registerLearningRoutes(app, { db, secret, clock, events });
    registerOrdersRoutes(app, { db, secret, clock });
    const ai = new AiService({ db, secret, clock, events, logError });
    registerAiRoutes(app, { db, secret, clock, ai });
    registerTicketStatsCsvRoute(app, { db, secret, clock });
    await registerWidgetPage(app, options.widgetDir);

    io = new Server(app.server, { serveClient: true, maxHttpBufferSize: 256 * 1024 });
    pushDomainEvents(io, events, db);
    router = new Router({ db, events, connections: socketAgentConnections(io), clock, timers, logError, sweepMs: options.routingSweepMs });
    const sensitive = new SensitiveWordCache(logError);
    activity = new ActivityRelay({ io, db, clock, timers, logError });
    const typing = new TypingRelay(io, db, clock);
    registerAgentNamespace(io, {
      db, secret, clock, logError, events, router, sensitive, activity, typing, knowledge, ai, requestBudget: options.agentRequestBudget,
      kickDeliveries: () => channels?.deliveries.kick(),
    });
    const bot = new BotService({ db, knowledge, clock, logError, ai });
    registerVisitorNamespace(io, { db, secret, logError, events, router, clock, sensitive, bot, typing, newVisitorLimit: options.newVisitorLimit, requestBudget: options.visitorRequestBudget, trustProxy: trust,
      kickDeliveries: () => channels?.deliveries.kick() });
    tickets = new TicketService({ db, events, clock, timers, logError, sweepMs: options.ticketSweepMs, kickDeliveries: () => channels?.deliveries.kick() });
    channels = await registerChannelAdapters(app, {
      ticketMail: tickets.mailbox,
      db, events, secret, clock, timers, router, sensitive, logError, bot, retry: options.deliveryRetry, deliveryPollMs: options.deliveryPollMs,
      wechatReplyBudgetMs: options.wechatReplyBudgetMs, smtp: options.smtp && { port: options.smtp.port, host: options.smtp.host ?? host },
    });
    // Order-status replies reach platform customers through the same delivery queue as every bot message.
    const orderEvents = new OrderEvents({ db, events, clock, logError, onReplied: () => channels?.deliveries.kick() });
    await registerOrderEventRoutes(app, { db, secret, clock, events: orderEvents });
    slaSweep = new SlaSweep({ db, events, clock, timers, logError, sweepMs: options.slaSweepMs });
    await registerTicketApiRoutes(app, { db, secret, clock, events, kickDeliveries: () => channels?.deliveries.kick() });

    await app.listen({ port: options.port ?? 0, host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    // Agents who were connected before a restart start their grace period now.
    await router.markMissingAsDisconnected();
    router.start();
    activity.start();
    await channels.start();
    slaSweep.start();
    tickets.start();
    void router.sweep();
    const running = { app, io, router, activity, channels, ai, slaSweep, tickets };
    // Vectors for articles written while the server was down (or before hybrid retrieval was on).
    for (const { id } of await db.query<{ id: string }>('SELECT account_id AS id FROM ai_settings WHERE hybrid_retrieval')) ai.indexer.kick(id);
    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      db,
      io,
      router,
      seeded,
      channels,
      routes,
      ai,
      slaSweep,
      tickets,
      close: () => (closing ??= shutdown(running.app, running.io, db, running.router, running.activity, running.channels, running.ai, running.slaSweep, running.tickets)),
    };
  } catch (err) {
    await shutdown(app, io, db, router, activity, channels, undefined, slaSweep, tickets).catch(() => undefined);
    throw err;
  }
}

async function shutdown(
  app: FastifyInstance | undefined,
  io: Server | undefined,
  db: Db,
  router: Router | undefined,
  activity: ActivityRelay | undefined,
  channels?: ChannelAdapters,
  ai?: AiService,
  slaSweep?: SlaSweep,
  tickets?: TicketService,
): Promise<void> {
  // Stop routing, the SLA clock and deliveries first: no run may start against a closing database.
  await router?.stop();
  await slaSweep?.stop();
  await tickets?.stop();
  await ai?.close();
  activity?.stop();
  await channels?.close();
  if (io) {
    // Disconnect every socket and the engine first; fastify would otherwise wait for them.
    io.disconnectSockets(true);
    for (const nsp of [io.of('/agent'), io.of('/visitor')]) nsp.disconnectSockets(true);
    io.engine.close();
  }
  if (app) await app.close();
  await db.close();
}
