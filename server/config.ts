import os from 'node:os';
import path from 'node:path';

import { DEFAULT_SERVER_PORT } from '../shared/defaults';

export const DEFAULT_PORT = DEFAULT_SERVER_PORT;

export type ServerConfig = { port: number; host: string; dataDir: string; databaseUrl: string | undefined };

/** Reads the server's settings from the environment; throws on a malformed PORT. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env.PORT ? Number(env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: path.resolve(env.SWITCHBOARD_DATA_DIR?.trim() || path.join(os.homedir(), '.switchboard', 'server-data')),
    databaseUrl,
  };
}
