import { afterAll, beforeAll } from 'vitest';
import type { RunningServer, ServerOptions } from '../../server/app';
import { closeAllSockets, makeTempDir, removeDir, startPgliteServer } from './server-fixture';

/**
 * One real server on PGlite in a temp folder for the tests of a file: started before them,
 * stopped (sockets closed, folder removed) after them. Read `.server` inside the tests.
 */
export function pgliteServerForFile(options: Partial<ServerOptions> = {}): { readonly server: RunningServer } {
  let server: RunningServer | undefined;
  let dir = '';
  beforeAll(async () => {
    dir = await makeTempDir();
    server = await startPgliteServer(dir, options);
  });
  afterAll(async () => {
    closeAllSockets();
    await server?.close();
    await removeDir(dir);
  });
  return {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
  };
}
