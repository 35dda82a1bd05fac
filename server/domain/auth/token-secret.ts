import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/db';

export type TokenSecretSource = { tokenSecret?: string; dataDir?: string; db: Db };

/**
 * The secret that signs tokens: the one given, else SWITCHBOARD_TOKEN_SECRET, else a random one
 * kept in the data folder (PGlite) or the settings table (PostgreSQL) so tokens survive restarts.
 */
export async function resolveTokenSecret(source: TokenSecretSource): Promise<string> {
  if (source.tokenSecret) return source.tokenSecret;
  const fromEnv = process.env.SWITCHBOARD_TOKEN_SECRET;
  if (fromEnv) return fromEnv;
  if (source.db.kind === 'pglite' && source.dataDir) return secretFromFile(path.join(source.dataDir, 'token-secret'));
  if (source.db.kind === 'postgres') return secretFromSettings(source.db);
  // In-memory database: tokens cannot outlive the process anyway.
  return randomSecret();
}

function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

async function secretFromFile(file: string): Promise<string> {
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const secret = randomSecret();
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

async function secretFromSettings(db: Db): Promise<string> {
  // Insert-if-absent then read, so concurrent nodes agree on one secret.
  await db.query("INSERT INTO settings (key, value) VALUES ('token_secret', $1) ON CONFLICT (key) DO NOTHING", [
    randomSecret(),
  ]);
  const rows = await db.query<{ value: string }>("SELECT value FROM settings WHERE key = 'token_secret'");
  const value = rows[0]?.value;
  if (!value) throw new Error('token secret missing from settings');
  return value;
}
