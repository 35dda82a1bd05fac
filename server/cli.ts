import { startServer } from './app';
import { configFromEnv } from './config';
import { formatDemoCredentials } from './db/demo-credentials';
import { redactDatabaseUrl } from './db/postgres-db';
import { exitWithError } from './lib/exit-on-error';

const config = (() => {
  try {
    return configFromEnv();
  } catch (err) {
    return exitWithError('Invalid configuration', err);
  }
})();
const server = await startServer({
  port: config.port,
  host: config.host,
  dataDir: config.dataDir,
  databaseUrl: config.databaseUrl,
  channelsFile: config.channelsFile,
  smtp: config.smtp,
  newVisitorLimit: config.newVisitorsPerMinute === undefined ? undefined : { max: config.newVisitorsPerMinute, windowMs: 60_000 },
  trustProxy: config.trustProxy,
  publicUrl: config.publicUrl,
  attachments: config.attachments,
  cluster: config.cluster,
  nodeLeaseMs: config.nodeLeaseMs,
  drainMs: config.drainMs,
  seed: 'if-empty',
  log: process.env.SWITCHBOARD_LOG === '1',
}).catch((err: unknown) => exitWithError('Could not start the server', err));

console.log('Switchboard server');
console.log(config.databaseUrl ? `  Database:   PostgreSQL at ${redactDatabaseUrl(config.databaseUrl)}` : `  Data:       ${config.dataDir}`);
console.log(`  URL:        ${server.url}`);
console.log(`  Widget:     ${server.url}/widget/`);
console.log(`  Files:      ${config.attachments?.s3 ? `S3 bucket ${config.attachments.s3.bucket} at ${config.attachments.s3.endpoint}` : `${config.dataDir}/attachments`}`);
if (config.cluster.kind !== 'single') console.log(`  Node:       ${server.nodeId} (sockets shared through ${config.cluster.kind === 'redis' ? 'Redis' : 'PostgreSQL'})`);
if (server.channels.smtpPort !== null) console.log(`  SMTP in:    ${config.smtp?.host}:${server.channels.smtpPort}`);
if (server.seeded) {
  console.log('\nLoaded the demo shop. Sign in with:');
  console.log(formatDemoCredentials());
}

let stopping = false;
/** SIGTERM drains (not ready, clients told to reconnect elsewhere, requests finished); SIGINT closes at once. */
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: ${signal === 'SIGTERM' ? 'draining' : 'shutting down'}…`);
  try {
    await (signal === 'SIGTERM' ? server.drain() : server.close());
    process.exit(0);
  } catch (err) {
    console.error('shutdown failed:', err);
    process.exit(1);
  }
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
