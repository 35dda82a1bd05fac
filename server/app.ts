import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { Server } from 'socket.io';
import type { Db } from './db/db';
import { openDb } from './db/open-db';
import { isDatabaseEmpty, seedDemo } from './db/seed-demo';
import { systemClock, type Clock } from './lib/clock';
import { handleHttpError } from './http/http-errors';
import { registerAuthRoutes } from './domain/auth/auth-routes';
import { DEFAULT_LOGIN_RULES, WindowLimiter } from './lib/window-limiter';
import { resolveTokenSecret } from './domain/auth/token-secret';
import { registerAgentNamespace } from './realtime/agent-namespace';
import { registerVisitorNamespace } from './channels/widget/visitor-namespace';
import { widgetSecurityHeaders } from './widget/widget-headers';
import { Router } from './domain/routing/router';
import { registerAuditRoutes } from './domain/audit/audit-routes';

export type ServerOptions = {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
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
  /** How often the router looks for expired offers, expired grace periods and reopened groups (ms). */
  routingSweepMs?: number;
};

export type RunningServer = {
  url: string;
  port: number;
  db: Db;
  io: Server;
  /** Routing: tests wait on `router.settled()` before comparing with the database. */
  router: Router;
  /** Whether this start loaded the demo data. */
  seeded: boolean;
  /** Stops accepting connections, disconnects sockets and closes the database. */
  close(): Promise<void>;
};

const WIDGET_DIR = fileURLToPath(new URL('./widget/', import.meta.url));

/** Starts the HTTP API, the socket.io namespaces and the widget page on one port. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  const host = options.host ?? '127.0.0.1';
  const db = await openDb({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  let app: FastifyInstance | undefined;
  let io: Server | undefined;
  let router: Router | undefined;
  try {
    const seeded = options.seed !== 'never' && (await isDatabaseEmpty(db)) ? (await seedDemo(db)).seeded : false;
    const secret = await resolveTokenSecret({ tokenSecret: options.tokenSecret, dataDir: options.dataDir, db });

    const fastify = Fastify({ logger: options.log ?? false, bodyLimit: 1024 * 1024 });
    app = fastify;
    app.setErrorHandler(handleHttpError);
    app.setNotFoundHandler((_request, reply) => reply.status(404).send({ code: 'not_found', message: 'no such page' }));
    app.get('/healthz', async () => ({ ok: true }));
    const limiter = new WindowLimiter(DEFAULT_LOGIN_RULES, clock);
    registerAuthRoutes(app, { db, secret, clock, limiter });
    registerAuditRoutes(app, { db, secret, clock });
    app.get('/widget', (_request, reply) => reply.redirect('/widget/'));
    await app.register(fastifyStatic, { root: WIDGET_DIR, prefix: '/widget/', index: 'index.html', allowedPath: isWidgetAsset });
    app.addHook('onSend', async (request, reply) => {
      if (request.url.startsWith('/widget/')) widgetSecurityHeaders(reply);
    });

    io = new Server(app.server, { serveClient: true, maxHttpBufferSize: 256 * 1024 });
    const logError = (err: unknown, context: string) => app?.log.error({ err, context }, 'request failed');
    router = new Router({ db, io, clock, logError, sweepMs: options.routingSweepMs });
    registerAgentNamespace(io, { db, secret, clock, logError, router });
    registerVisitorNamespace(io, { db, secret, logError, router, clock });

    await app.listen({ port: options.port ?? 0, host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    // Agents who were connected before a restart start their grace period now.
    await router.markMissingAsDisconnected();
    router.start();
    void router.sweep();
    const running = { app, io, router };
    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      db,
      io,
      router,
      seeded,
      close: () => (closing ??= shutdown(running.app, running.io, db, running.router)),
    };
  } catch (err) {
    await shutdown(app, io, db, router).catch(() => undefined);
    throw err;
  }
}

async function shutdown(app: FastifyInstance | undefined, io: Server | undefined, db: Db, router: Router | undefined): Promise<void> {
  // Stop routing first: no run may start against a closing database.
  await router?.stop();
  if (io) {
    // Disconnect every socket and the engine first; fastify would otherwise wait for them.
    io.disconnectSockets(true);
    for (const nsp of [io.of('/agent'), io.of('/visitor')]) nsp.disconnectSockets(true);
    io.engine.close();
  }
  if (app) await app.close();
  await db.close();
}

// Only the widget's own files: never serve the TypeScript next to them.
function isWidgetAsset(pathName: string): boolean {
  return /\.(html|js|css|svg|png|ico)$/.test(pathName) || pathName.endsWith('/');
}
