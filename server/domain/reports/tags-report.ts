import type { TagsFigures } from '../../../shared/reports';
import type { Queryable } from '../../db/db';
import { conversationFilters, num, windowParams, type ReportWindow } from './report-window';

/** How many conversations got each conversation tag (reason, outcome, other) in the window, most used first. */
export async function tagsReport(db: Queryable, w: ReportWindow): Promise<TagsFigures> {
  const { params, param } = windowParams(w);
  const filters = conversationFilters(w, param);
  const joins = filters === '' ? '' : 'JOIN conversations c ON c.id = l.conversation_id JOIN channels ch ON ch.id = c.channel_id';
  const rows = await db.query<{ id: string; name: string; kind: 'reason' | 'outcome' | 'other'; conversations: string | number }>(
    `SELECT t.id, t.name, t.kind, n.conversations
       FROM (SELECT l.tag_id, count(*) AS conversations FROM conversation_tag_links l ${joins}
              WHERE l.account_id = $1 AND l.added_at >= $2 AND l.added_at < $3${filters}
              GROUP BY l.tag_id) n
       JOIN conversation_tags t ON t.id = n.tag_id
      ORDER BY n.conversations DESC, t.kind, t.name`,
    params,
  );
  return { tags: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, conversations: num(r.conversations) })) };
}
