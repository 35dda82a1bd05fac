import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer, type ServerOptions } from '../../server/app';
import { signedInCore, type TestCore } from './core-harness';
import type { DatabaseTarget } from './databases';
import { DEMO_LOGINS, type DemoPerson } from './server-fixture';
import { TcpProxy } from './tcp-proxy';
import { connectVisitor, type TestVisitor } from './visitor';

export type DesktopBed = {
  readonly server: RunningServer;
  /** A new desktop (client core) signed in as one of the demo team, online; `serverUrl` to go through a proxy. */
  signIn(who: DemoPerson, serverUrl?: string): Promise<TestCore>;
  /** A customer on the web widget, closed after the file. */
  visitor(auth?: { visitorToken?: string; name?: string }): Promise<TestVisitor>;
  /** A TCP proxy in front of the server (to cut a desktop off), closed after the file. */
  proxy(): Promise<TcpProxy>;
};

/**
 * The real server on `target`'s database for the tests of a file (no routing sweep unless asked),
 * and the desktops, visitors and proxies its tests open, all closed after them.
 */
export function desktopBedFor(target: DatabaseTarget, options: Partial<ServerOptions> = {}): DesktopBed {
  let server: RunningServer | undefined;
  let drop = async () => {};
  const cores: TestCore[] = [];
  const visitors: TestVisitor[] = [];
  const proxies: TcpProxy[] = [];

  beforeAll(async () => {
    const db = await target.open();
    drop = db.drop;
    server = await startServer({ port: 0, seed: 'if-empty', routingSweepMs: 60_000, ...db.options, ...options });
    console.log(`database: ${db.describe}`);
  });
  afterAll(async () => {
    for (const v of visitors) v.close();
    for (const core of cores) await core.core.dispose();
    for (const proxy of proxies) await proxy.close();
    await server?.close();
    await drop();
  });

  const running = () => {
    if (!server) throw new Error('the server starts in beforeAll');
    return server;
  };
  return {
    get server() {
      return running();
    },
    signIn(who, serverUrl = running().url) {
      const [email, password] = DEMO_LOGINS[who];
      return signedInCore(cores, serverUrl, email, password);
    },
    async visitor(auth = {}) {
      const visitor = await connectVisitor(running().url, auth);
      visitors.push(visitor);
      return visitor;
    },
    async proxy() {
      const proxy = await TcpProxy.start(running().port);
      proxies.push(proxy);
      return proxy;
    },
  };
}
