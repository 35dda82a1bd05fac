import { conversationTagCatalogSchema, type ConversationTagCatalog } from '../../../shared/conversation-tags';
import type { SqliteDb, SqlWriter } from './sqlite';

const KEY = 'conversation_tags';

/** Until the first read from the server: no tags, nothing required (the server decides on resolve). */
export const EMPTY_TAG_CATALOG: ConversationTagCatalog = { tags: [], settings: { requireOutcome: false } };

/** The conversation tags as last read from the server (kept in sync_state: a small document read whole). */
export async function readTagCatalog(db: SqliteDb): Promise<ConversationTagCatalog> {
  const row = await db.get<{ value: string }>('SELECT value FROM sync_state WHERE key = ?', [KEY]);
  const parsed = row ? conversationTagCatalogSchema.safeParse(JSON.parse(row.value)) : null;
  return parsed?.success ? parsed.data : EMPTY_TAG_CATALOG;
}

export async function writeTagCatalog(tx: SqlWriter, catalog: ConversationTagCatalog): Promise<void> {
  await tx.run('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [KEY, JSON.stringify(catalog)]);
}
