import type { ConversationTag, ConversationTagSettings, ManagedConversationTag } from '../../../shared/conversation-tags';
import type { Queryable } from '../../db/db';

type TagRow = { id: string; name: string; kind: ConversationTag['kind']; colour: string | null; archived: boolean; position: number; uses?: number | string };

const toTag = (row: TagRow): ConversationTag => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  colour: row.colour,
  archived: row.archived,
  position: Number(row.position),
});

const ORDER = 'ORDER BY t.kind, t.position, t.name';

/** Every conversation tag of the account, archived ones too (old conversations still name them). */
export async function listConversationTags(db: Queryable, accountId: string): Promise<ConversationTag[]> {
  const rows = await db.query<TagRow>(`SELECT t.id, t.name, t.kind, t.colour, t.archived, t.position FROM conversation_tags t WHERE t.account_id = $1 ${ORDER}`, [accountId]);
  return rows.map(toTag);
}

/** The tags with how many conversations carry each, for the admin screen. */
export async function listManagedConversationTags(db: Queryable, accountId: string): Promise<ManagedConversationTag[]> {
  const rows = await db.query<TagRow>(
    `SELECT t.id, t.name, t.kind, t.colour, t.archived, t.position,
            (SELECT count(*) FROM conversation_tag_links l WHERE l.account_id = t.account_id AND l.tag_id = t.id) AS uses
     FROM conversation_tags t WHERE t.account_id = $1 ${ORDER}`,
    [accountId],
  );
  return rows.map((row) => ({ ...toTag(row), uses: Number(row.uses ?? 0) }));
}

/** Some of the account's tags by id (any the account does not have are left out). */
export async function getConversationTags(db: Queryable, accountId: string, ids: readonly string[]): Promise<ConversationTag[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<TagRow>(
    'SELECT t.id, t.name, t.kind, t.colour, t.archived, t.position FROM conversation_tags t WHERE t.account_id = $1 AND t.id = ANY($2::text[])',
    [accountId, [...ids]],
  );
  return rows.map(toTag);
}

/** The tag ids on one conversation, oldest first. */
export async function conversationTagIds(db: Queryable, conversationId: string): Promise<string[]> {
  const rows = await db.query<{ tag_id: string }>('SELECT tag_id FROM conversation_tag_links WHERE conversation_id = $1 ORDER BY added_at, tag_id', [conversationId]);
  return rows.map((r) => r.tag_id);
}

/** The account's tag settings; nothing required until an admin says so. */
export async function readConversationTagSettings(db: Queryable, accountId: string): Promise<ConversationTagSettings> {
  const rows = await db.query<{ require_outcome: boolean }>('SELECT require_outcome FROM conversation_tag_settings WHERE account_id = $1', [accountId]);
  return { requireOutcome: rows[0]?.require_outcome === true };
}
