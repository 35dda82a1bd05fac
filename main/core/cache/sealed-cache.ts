import { chmod, mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Conversation } from '../../../shared/domain';
import { isSealed, type FieldCipher } from './field-cipher';
import { migrate } from './migrate';
import { openConversation, sealConversation } from './personal-fields';
import { SqliteDb } from './sqlite';
import { TicketCache } from './ticket-cache';

/** The sync_state row proving which key sealed the cache. */
const KEY_CHECK = 'key_check';
const KEY_CHECK_VALUE = 'switchboard-cache';
const OWNER_ONLY_FOLDER = 0o700;
const OWNER_ONLY_FILE = 0o600;

/**
 * Opens one agent's cache file for `cipher`: its folder and files readable by their owner only
 * (fixed on an existing cache too), the schema migrated, rows written in clear by an older
 * version sealed, tickets cached before the list's clear columns given theirs. A cache sealed
 * with another key (the secret store lost its key) cannot be read: it is dropped and synced
 * again from the server.
 */
export async function openSealedCache(file: string, cipher: FieldCipher, folders: readonly string[] = [dirname(file)]): Promise<SqliteDb> {
  for (const folder of folders) {
    await mkdir(folder, { recursive: true, mode: OWNER_ONLY_FOLDER });
    await chmod(folder, OWNER_ONLY_FOLDER);
  }
  // SQLite creates its -wal and -shm files with the mode of the database file.
  await (await open(file, 'a', OWNER_ONLY_FILE)).close();
  for (const path of sqliteFiles(file)) if (await stat(path).catch(() => null)) await chmod(path, OWNER_ONLY_FILE);
  const db = await SqliteDb.open(file);
  try {
    await migrate(db);
    const check = await db.get<{ value: string }>('SELECT value FROM sync_state WHERE key = ?', [KEY_CHECK]);
    if (!check) await sealLegacyRows(db, cipher);
    if (!check || cipher.opens(check.value)) {
      await new TicketCache(db, cipher).fillListColumns();
      return db;
    }
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  await db.close();
  for (const path of sqliteFiles(file)) await rm(path, { force: true });
  return openSealedCache(file, cipher, folders);
}

function sqliteFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`];
}

/** Seals what an older version wrote in clear and survived migration 0007 (drafts, the outbox, their conversations). */
async function sealLegacyRows(db: SqliteDb, cipher: FieldCipher): Promise<void> {
  await db.write(async (tx) => {
    for (const table of ['drafts', 'outbox'] as const) {
      const key = table === 'drafts' ? 'conversation_id' : 'client_id';
      const rows = await tx.all<{ id: string; body: string }>(`SELECT ${key} AS id, body FROM ${table}`);
      for (const row of rows) {
        if (!isSealed(row.body)) await tx.run(`UPDATE ${table} SET body = ? WHERE ${key} = ?`, [cipher.seal(row.body), row.id]);
      }
    }
    const conversations = await tx.all<{ id: string; data: string }>('SELECT id, data FROM conversations');
    for (const row of conversations) {
      const sealed = sealConversation(cipher, openConversation(cipher, JSON.parse(row.data) as Conversation));
      await tx.run('UPDATE conversations SET data = ? WHERE id = ?', [JSON.stringify(sealed), row.id]);
    }
    await tx.run('INSERT INTO sync_state (key, value) VALUES (?, ?)', [KEY_CHECK, cipher.seal(KEY_CHECK_VALUE)]);
  });
  // The clear pages written before now leave the write-ahead log as well.
  await db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
}
