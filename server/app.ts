import Fastify, { type FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import type { Db } from './db/db';
import { openDb } from './db/open-db';
import { isDatabaseEmpty, seedDemo } from './db/seed-demo';
import { systemClock, type Clock } from './lib/clock';
import { delay, systemTimers, type Timers } from './lib/timers';
import { EventBus } from './domain/events';
import { pushDomainEvents } from './realtime/push-domain-events';
import { localAgentSockets, socketAgentConnections } from './realtime/socket-agent-connections';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE } from '../shared/protocol';
import { NodeLease } from './nodes/node-lease';
import { openSocketAdapter, type SocketAdapter } from './nodes/socket-adapter';
import type { ClusterSetting } from './nodes/cluster-setting';
import { registerHealthRoutes } from './http/health-routes';
import { handleHttpError } from './http/http-errors';
import { authenticateBeforeBody } from './http/authenticate-first';
import { refuseNulBytes } from '../shared/text/nul-byte';
import type { LimiterRule } from './lib/window-limiter';
import type { RequestBudgetLimits } from './realtime/request-budget';
import { registerAuthRoutes } from './domain/auth/auth-routes';
import { SignInThrottle } from './domain/auth/sign-in-throttle';
import { SharedSignInThrottle } from './domain/auth/shared-sign-in-throttle';
import { RateLimitCounts } from './nodes/rate-limit-counts';
import { proxyTrust, type TrustProxySetting } from './http/client-address';
import { resolveTokenSecret } from './domain/auth/token-secret';
import { registerAgentNamespace } from './realtime/agent-namespace';
import { DEFAULT_NEW_VISITOR_LIMIT, registerVisitorNamespace } from './realtime/visitor-namespace';
import { registerWidgetPage } from './widget/widget-page';
import { Router } from './domain/routing/router';
import { routerPeers } from './nodes/router-peers';
import { activityPeers } from './nodes/activity-peers';
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
import { registerReportCsvRoute } from './domain/reports/report-csv-route';
import { TicketService } from './domain/tickets/ticket-service';
import { registerTicketApiRoutes } from './domain/tickets/ticket-api-routes';
import { CsatService } from './domain/csat/csat-service';
import { registerSurveyRoutes } from './domain/csat/survey-routes';
import { TopicJob } from './domain/topics/topic-job';
import { WeeklyReportJob } from './domain/reports/weekly-report-job';
import { AttachmentIntake } from './domain/attachments/attachment-intake';
import { openAttachmentStore, voiceTranscoder, type AttachmentOptions, type OpenedAttachmentStore } from './domain/attachments/attachment-options';
import { registerFileRoutes } from './domain/attachments/file-route';
import { registerAgentUploadRoute, registerFileBodyRoutes, registerVisitorUploadRoute } from './domain/attachments/upload-route';
import type { MediaFetchJob } from './channels/framework/media-fetch-job';

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
  /** The server's address as customers reach it (SWITCHBOARD_PUBLIC_URL), for survey links; the listening address when omitted. */
  publicUrl?: string;
  /** How often queued topic runs and the nightly schedule are looked at (ms); DEFAULT_TOPIC_POLL_MS when omitted. */
  topicPollMs?: number;
  /** The most customer messages one topic run clusters; DEFAULT_TOPIC_MESSAGE_CAP when omitted. */
  topicMessageCap?: number;
  /** How often due weekly summary mails are looked for (ms); DEFAULT_WEEKLY_REPORT_POLL_MS when omitted. */
  weeklyReportPollMs?: number;
  /** Customers' files: where they are kept (a folder under `dataDir`, or S3), their limits and how they are fetched. */
  attachments?: AttachmentOptions;
  /** How this node reaches other nodes' sockets (REDIS_URL, SWITCHBOARD_CLUSTER); one node alone when omitted. */
  cluster?: ClusterSetting;
  /** How long this node's presence lease lasts without a heartbeat (ms); DEFAULT_NODE_LEASE_MS when omitted. */
  nodeLeaseMs?: number;
  /** How long `drain()` answers "not ready" before it lets sockets go (ms, default 0). */
  drainMs?: number;
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
  /** Question clustering: tests queue runs, move the clock and call `sweep()`. */
  topics: Pick<TopicJob, 'sweep' | 'request' | 'settled'>;
  /** The weekly summary mail: tests move the clock and call `sweep()`. */
  weeklyReport: Pick<WeeklyReportJob, 'sweep' | 'sendTest'>;
  /** Customers' files fetched from platforms: tests move the clock and call `sweep()`. */
  media: Pick<MediaFetchJob, 'sweep' | 'settled'>;
  /** This node's id in `server_nodes` (several nodes share one database). */
  nodeId: string;
  /**
   * Graceful stop (SIGTERM): /healthz/ready answers 503 and new sockets are refused at once; after
   * `drainMs` every socket of this node is told to reconnect (elsewhere), this node's presence
   * rows are released, requests in flight finish, and the server closes.
   */
  drain(): Promise<void>;
  /** Stops accepting connections, disconnects sockets and closes the database. */
  close(): Promise<void>;
};

/** Starts the HTTP API, the socket.io namespaces and the widget page on one port. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? systemTimers;
  const host = options.host ?? '127.0.0.1';
  const db = await openDb({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  let adapter: SocketAdapter | undefined;
  let lease: NodeLease | undefined;
  let draining = false;
  let app: FastifyInstance | undefined;
  let io: Server | undefined;
  let router: Router | undefined;
  let activity: ActivityRelay | undefined;
  let channels: ChannelAdapters | undefined;
  let slaSweep: SlaSweep | undefined;
  let tickets: TicketService | undefined;
  let topics: TopicJob | undefined;
  let weeklyReport: WeeklyReportJob | undefined;
  let files: OpenedAttachmentStore | undefined;
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
    const logError = (err: unknown, context: string) => app?.log.error({ err, context }, 'request failed');
    const sockets = await openSocketAdapter(options.cluster ?? { kind: 'single' }, options.databaseUrl, logError);
    adapter = sockets;
    registerHealthRoutes(app, { db, adapterConnected: () => sockets.check(), draining: () => draining });
    // Domain code tells what changed here; the realtime listeners (below) push it to sockets.
    const events = new EventBus(logError);
    // Several nodes count sign-in failures and new visitors in the database they share (one budget
    // for all of them); one node alone counts in memory, with no query on the way.
    const sharedCounts = sockets.kind === 'single' ? undefined : new RateLimitCounts(db, clock, logError);
    registerAuthRoutes(app, {
      db, secret, clock, events, throttle: sharedCounts ? new SharedSignInThrottle(sharedCounts) : new SignInThrottle(clock),
      onSignedOut: async (accountId, userId, socketId) => void (await router?.signedOut(accountId, userId, socketId)),
    });
    registerAuditRoutes(app, { db, secret, clock });
    const knowledge = new KnowledgeCache(db);
    registerKnowledgeRoutes(app, { db, secret, clock, knowledge, events });
    registerBotRoutes(app, { db, secret, clock });
    registerLearningRoutes(app, { db, secret, clock, events });
    registerOrdersRoutes(app, { db, secret, clock });
    const ai = new AiService({ db, secret, clock, events, logError });
    topics = new TopicJob({ db, clock, timers, logError, ai, pollMs: options.topicPollMs, messageCap: options.topicMessageCap });
    weeklyReport = new WeeklyReportJob({ db, clock, timers, logError, pollMs: options.weeklyReportPollMs });
    registerAiRoutes(app, { db, secret, clock, ai });
    registerTicketStatsCsvRoute(app, { db, secret, clock });
    registerReportCsvRoute(app, { db, secret, clock });
    await registerWidgetPage(app, options.widgetDir);
    let listeningUrl = '';
    const csat = new CsatService({
      db, events, clock, logError, secret, publicUrl: () => options.publicUrl ?? listeningUrl, kickDeliveries: () => channels?.deliveries.kick(),
    });
    registerSurveyRoutes(app, { db, clock, csat });
    files = await openAttachmentStore(options.attachments, options.dataDir);
    const intake = new AttachmentIntake({ db, store: files.store, events, clock, logError, limits: options.attachments?.limits, transcoder: await voiceTranscoder(options.attachments) });
    registerFileRoutes(app, { db, secret, clock, store: files.store });
    await registerFileBodyRoutes(app, (scope) => {
      registerAgentUploadRoute(scope, { db, secret, clock, intake });
      registerVisitorUploadRoute(scope, { db, secret, clock, intake });
    });

    // A draining node takes no new sockets: their clients try again and reach another node.
    const server = new Server(app.server, {
      serveClient: true, maxHttpBufferSize: 256 * 1024, adapter: sockets.adapter, allowRequest: (_req, answer) => answer(null, !draining),
    });
    io = server;
    pushDomainEvents(io, events, db);
    const nodeLease = new NodeLease({
      db, clock, timers, logError, leaseMs: options.nodeLeaseMs, alone: sockets.kind === 'single',
      localSockets: () => localAgentSockets(server),
      // Each agent whose sockets were on a dead (or this draining) node: gone only if no node holds another.
      onAgentsLost: async (agents) => {
        for (const agent of agents) await router?.disconnected(agent.accountId, agent.userId).catch((err: unknown) => logError(err, 'agent lost with a node'));
      },
    });
    lease = nodeLease;
    await nodeLease.register();
    router = new Router({
      db, events, connections: socketAgentConnections(io, nodeLease), clock, timers, logError, sweepMs: options.routingSweepMs,
      // One node has no peers (and socket.io's in-memory adapter refuses server-side events).
      peers: sockets.kind === 'single' ? undefined : routerPeers(server),
    });
    const sensitive = new SensitiveWordCache(logError);
    activity = new ActivityRelay({ io, db, clock, timers, logError, peers: sockets.kind === 'single' ? undefined : activityPeers(server, logError) });
    const typing = new TypingRelay(io, db, clock);
    registerAgentNamespace(io, {
      db, secret, clock, logError, events, router, sensitive, activity, typing, knowledge, ai, topics, requestBudget: options.agentRequestBudget, sockets: nodeLease,
      kickDeliveries: () => channels?.deliveries.kick(), csat, weeklyReport, fileLinkSecret: secret,
    });
    const bot = new BotService({ db, knowledge, clock, logError, ai });
    registerVisitorNamespace(io, { db, secret, logError, events, router, clock, sensitive, bot, typing, newVisitorLimit: options.newVisitorLimit,
      newVisitorBudget: sharedCounts?.budget('new-visitor', options.newVisitorLimit ?? DEFAULT_NEW_VISITOR_LIMIT), requestBudget: options.visitorRequestBudget, trustProxy: trust,
      kickDeliveries: () => channels?.deliveries.kick(), csat });
    tickets = new TicketService({ db, events, clock, timers, logError, sweepMs: options.ticketSweepMs, kickDeliveries: () => channels?.deliveries.kick() });
    channels = await registerChannelAdapters(app, {
      ticketMail: tickets.mailbox, csat,
      db, events, secret, clock, timers, router, sensitive, logError, bot, retry: options.deliveryRetry, deliveryPollMs: options.deliveryPollMs,
      wechatReplyBudgetMs: options.wechatReplyBudgetMs, smtp: options.smtp && { port: options.smtp.port, host: options.smtp.host ?? host },
      attachments: { ...options.attachments, intake },
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
    listeningUrl = url;
    // Agents who were connected before a restart start their grace period now.
    await router.markMissingAsDisconnected();
    nodeLease.start();
    router.start();
    activity.start();
    await channels.start();
    slaSweep.start();
    tickets.start();
    topics.start();
    weeklyReport.start();
    void router.sweep();
    const running = { app, io, router, activity, channels, ai, slaSweep, tickets, topics, weeklyReport, files, adapter: sockets, lease: nodeLease };
    const media = channels.media!;
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
      topics,
      weeklyReport,
      media,
      nodeId: nodeLease.id,
      drain: () => (closing ??= (async () => {
        draining = true;
        await nodeLease.markDraining().catch((err: unknown) => logError(err, 'drain'));
        // Time for a load balancer to read /healthz/ready and stop sending clients here.
        await delay(timers, options.drainMs ?? 0, undefined);
        // Clients treat a server's goodbye as "reconnect": the desktop core and the widget retry on their curve.
        // The goodbye goes without closing the connection: the client closes it once it has read the
        // goodbye (a close sent with it could reach a client first and read as a lost network).
        for (const name of [AGENT_NAMESPACE, VISITOR_NAMESPACE]) running.io.of(name).local.disconnectSockets(false);
        await nodeLease.release().catch((err: unknown) => logError(err, 'drain'));
        await shutdown({ ...running, db });
      })()),
      close: () => (closing ??= shutdown({ ...running, db })),
    };
  } catch (err) {
    await shutdown({ app, io, router, activity, channels, slaSweep, tickets, topics, weeklyReport, files, adapter, lease, db }).catch(() => undefined);
    throw err;
  }
}

/** What `shutdown` stops; a start that failed half-way passes what it had made. */
type Parts = {
  app?: FastifyInstance;
  io?: Server;
  router?: Router;
  activity?: ActivityRelay;
  channels?: ChannelAdapters;
  ai?: AiService;
  slaSweep?: SlaSweep;
  tickets?: TicketService;
  topics?: TopicJob;
  weeklyReport?: WeeklyReportJob;
  files?: OpenedAttachmentStore;
  adapter?: SocketAdapter;
  lease?: NodeLease;
};

/**
 * How long the HTTP server waits at close for connections still open (a request in flight, or a
 * client that connected and never finished sending its request) before it drops them.
 */
const HTTP_CLOSE_GRACE_MS = 5_000;

/** Closes the HTTP server: requests in flight may finish, but a straggling connection cannot hold the close for ever. */
async function closeHttp(app: FastifyInstance): Promise<void> {
  const deadline = setTimeout(() => app.server.closeAllConnections(), HTTP_CLOSE_GRACE_MS);
  deadline.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(deadline);
  }
}

async function shutdown(parts: Parts & { db?: Db }, db: Db | undefined = parts.db): Promise<void> {
  const { app, io, router, activity, channels, ai, slaSweep, tickets, topics, weeklyReport, files, adapter, lease } = parts;
  // Stop routing, the SLA clock and deliveries first: no run may start against a closing database.
  await router?.stop();
  await slaSweep?.stop();
  await tickets?.stop();
  await topics?.stop();
  await weeklyReport?.stop();
  await ai?.close();
  activity?.stop();
  await channels?.close();
  if (io) {
    // Disconnect this node's sockets and the engine first; fastify would otherwise wait for them.
    // Only local ones: through a shared adapter the plain call would reach every node's sockets.
    const namespaces = [io.of('/'), io.of(AGENT_NAMESPACE), io.of(VISITOR_NAMESPACE)];
    for (const nsp of namespaces) nsp.local.disconnectSockets(true);
    io.engine.close();
    // A shared adapter holds a connection (PostgreSQL's LISTEN, Redis's XREAD) until its namespaces close.
    for (const nsp of namespaces) await Promise.resolve(nsp.adapter.close()).catch(() => undefined);
  }
  // This node's presence rows go; a node that is killed instead leaves them until its lease expires.
  await lease?.release().catch(() => undefined);
  if (app) await closeHttp(app);
  await adapter?.close().catch(() => undefined);
  await db?.close();
  await files?.close();
}
