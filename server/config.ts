import os from 'node:os';
import path from 'node:path';

import { DEFAULT_SERVER_PORT } from '../shared/defaults';
import { parseTrustProxy, type TrustProxySetting } from './http/client-address';

export const DEFAULT_PORT = DEFAULT_SERVER_PORT;

export type ServerConfig = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** SWITCHBOARD_CHANNELS_FILE: channels declared in a JSON file, applied at start. */
  channelsFile?: string;
  /** SWITCHBOARD_SMTP_PORT (and SWITCHBOARD_SMTP_HOST): the SMTP listener for email channels. */
  smtp?: { port: number; host: string };
  /** SWITCHBOARD_NEW_VISITORS_PER_MINUTE: new widget visitors accepted per address each minute. */
  newVisitorsPerMinute?: number;
  /** SWITCHBOARD_TRUST_PROXY: the reverse proxies allowed to say who the client is. */
  trustProxy?: TrustProxySetting;
};

/** Reads the server's settings from the environment; throws on a malformed value. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env.PORT ? Number(env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const host = env.HOST?.trim() || '127.0.0.1';
  const smtpPort = env.SWITCHBOARD_SMTP_PORT?.trim() ? Number(env.SWITCHBOARD_SMTP_PORT) : undefined;
  if (smtpPort !== undefined && (!Number.isInteger(smtpPort) || smtpPort < 0 || smtpPort > 65535)) {
    throw new Error(`SWITCHBOARD_SMTP_PORT must be a port number, got "${env.SWITCHBOARD_SMTP_PORT}"`);
  }
  const channelsFile = env.SWITCHBOARD_CHANNELS_FILE?.trim();
  const newVisitors = env.SWITCHBOARD_NEW_VISITORS_PER_MINUTE?.trim() ? Number(env.SWITCHBOARD_NEW_VISITORS_PER_MINUTE) : undefined;
  if (newVisitors !== undefined && (!Number.isInteger(newVisitors) || newVisitors < 1)) {
    throw new Error(`SWITCHBOARD_NEW_VISITORS_PER_MINUTE must be a whole number above 0, got "${env.SWITCHBOARD_NEW_VISITORS_PER_MINUTE}"`);
  }
  const trustProxy = parseTrustProxy(env.SWITCHBOARD_TRUST_PROXY);
  return {
    port,
    host,
    dataDir: path.resolve(env.SWITCHBOARD_DATA_DIR?.trim() || path.join(os.homedir(), '.switchboard', 'server-data')),
    databaseUrl,
    ...(channelsFile ? { channelsFile: path.resolve(channelsFile) } : {}),
    ...(smtpPort !== undefined ? { smtp: { port: smtpPort, host: env.SWITCHBOARD_SMTP_HOST?.trim() || host } } : {}),
    ...(newVisitors !== undefined ? { newVisitorsPerMinute: newVisitors } : {}),
    ...(trustProxy ? { trustProxy } : {}),
  };
}
