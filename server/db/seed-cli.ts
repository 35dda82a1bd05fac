import { configFromEnv } from '../config';
import { formatDemoCredentials } from './demo-credentials';
import { openDb } from './open-db';
import { redactDatabaseUrl } from './postgres-db';
import { seedDemo } from './seed-demo';
import { exitWithError } from '../lib/exit-on-error';

try {
  const config = configFromEnv();
  console.log(config.databaseUrl ? `Database: PostgreSQL at ${redactDatabaseUrl(config.databaseUrl)}` : `Data: ${config.dataDir}`);
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const { shop, tickets } = await seedDemo(db);
    if (shop) console.log('Loaded the demo shop and its tickets.');
    else if (tickets) console.log('The demo shop was already there; added its departments, ticket types and example tickets.');
    else console.log('The demo shop and its tickets are already there; nothing changed.');
    console.log('Demo sign-ins:');
    console.log(formatDemoCredentials());
  } finally {
    await db.close();
  }
} catch (err) {
  exitWithError('Could not load the demo data', err);
}
