import { afterAll, beforeAll } from 'vitest';
import type { RunningServer, ServerOptions } from '../../server/app';
import { runDatabase, startServerOn } from './databases';
import { closeAllSockets } from './server-fixture';

/**
 * One real server on the run's database (a seeded copy: see databases.ts) for the tests of a
 * file: started before them, stopped (sockets closed, database dropped) after them. Read
 * `.server` inside the tests.
 */
export function serverForFile(options: Partial<ServerOptions> = {}): { readonly server: RunningServer } {
  let server: RunningServer | undefined;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ server, close } = await startServerOn(runDatabase(), options));
  });
  afterAll(async () => {
    closeAllSockets();
    await close?.();
  });
  return {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
  };
}
