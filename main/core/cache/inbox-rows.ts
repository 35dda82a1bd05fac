import type { InboxConversation } from '../../../shared/contract';
import type { Conversation } from '../../../shared/domain';

/**
 * How the cache reads a conversation as the inbox shows it (tables of migrations 0001, 0002 and
 * 0005). Unread: the customer's messages after both the agent's read mark and the team's last
 * reply (an answered message was read by whoever answered it). Labels: the customer's tags.
 */

/** The unread count of conversation `c` (its read mark is `r`, possibly absent). */
export const UNREAD_SQL = `(SELECT COUNT(*) FROM messages m
  WHERE m.conversation_id = c.id AND m.author = 'contact'
    AND m.seq > MAX(COALESCE(r.last_read_seq, 0),
      COALESCE((SELECT MAX(a.seq) FROM messages a WHERE a.conversation_id = c.id AND a.author = 'agent'), 0)))`;

/** Every column an inbox read needs; the caller adds WHERE and ORDER BY (conversations are `c`). */
export const INBOX_SELECT = `SELECT c.data, c.access, ${UNREAD_SQL} AS unread,
    (SELECT json_extract(ct.data, '$.tags') FROM contacts ct WHERE ct.id = json_extract(c.data, '$.contactId')) AS tags
  FROM conversations c LEFT JOIN read_state r ON r.conversation_id = c.id`;

export type InboxRow = { data: string; access: 'full' | 'lost'; unread: number; tags: string | null };

function labelsOf(tags: string | null): string[] {
  if (!tags) return [];
  try {
    const parsed: unknown = JSON.parse(tags);
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string' && t.trim() !== '') : [];
  } catch {
    return [];
  }
}

export function toInboxConversation(row: InboxRow): InboxConversation {
  return { ...(JSON.parse(row.data) as Conversation), access: row.access, unread: row.unread, labels: labelsOf(row.tags) };
}
