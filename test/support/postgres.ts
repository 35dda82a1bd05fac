import pg from 'pg';
import { providedTemplates } from './provided-templates';

export const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether a PostgreSQL server with trust auth answers on 127.0.0.1:5432. */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
  } catch {
    return false;
  }
  try {
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end();
  }
}

/** What a throwaway database starts as: the run's migrated and seeded template, or empty. */
export type DatabaseStart = 'seeded' | 'empty';

/**
 * Creates a throwaway database and returns its URL and a function that drops it. 'seeded' copies
 * the run's template (test/support/template-databases.ts) when there is one.
 */
export async function createThrowawayDatabase(start: DatabaseStart = 'seeded'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `switchboard_test_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const template = start === 'seeded' ? templateName() : null;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await createDatabase(admin, name, template);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

function templateName(): string | null {
  return providedTemplates()?.postgresTemplate ?? null;
}

/** PostgreSQL refuses to copy a template while another copy of it is starting: try again a few times. */
async function createDatabase(admin: pg.Client, name: string, template: string | null): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
      return;
    } catch (err) {
      const inUse = (err as { code?: string }).code === '55006';
      if (!inUse || attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}
