import { AppError } from '../../../shared/errors';
import type { Topic, TopicConversation, TopicDetail, TopicPeriod, TopicsList, TopicTranscript } from '../../../shared/topics';
import type { Queryable } from '../../db/db';
import type { Viewer } from '../conversations/permissions';
import { publicRun, toRun } from './topic-repository';

type TopicRow = {
  id: string; run_id: string; label: string; lang: 'zh' | 'en'; message_count: number; conversation_count: number;
  trend: number[] | string; example_message_ids: string[] | string;
};

/** Conversations listed with a topic, newest first. */
const CONVERSATIONS = 50;
/** A topic's messages shown per conversation. */
const MESSAGES_PER_CONVERSATION = 3;
/** The most lines of a conversation read beside a topic (the latest). */
const TRANSCRIPT_LINES = 200;

const isStaff = (user: Viewer) => user.role === 'supervisor' || user.role === 'admin';

function refuseNonStaff(user: Viewer): void {
  if (!isStaff(user)) throw new AppError('forbidden', 'Only supervisors and admins can read topics.');
}

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/** The latest finished run of the period with its topics, and a newer run still queued or running. */
export async function listTopics(db: Queryable, user: Viewer, days: TopicPeriod): Promise<TopicsList> {
  refuseNonStaff(user);
  const runs = await db.query<Parameters<typeof toRun>[0]>(
    `SELECT * FROM topic_runs WHERE account_id = $1 AND period_days = $2 ORDER BY created_at DESC LIMIT 5`,
    [user.accountId, days],
  );
  const done = runs.find((r) => r.status === 'done');
  const pendingRow = runs.find((r) => (r.status === 'queued' || r.status === 'running') && (!done || r.created_at > done.created_at));
  const pending = pendingRow ? publicRun(toRun(pendingRow)) : null;
  if (!done) return { run: null, pending, topics: [] };
  const rows = await db.query<TopicRow>('SELECT * FROM topics WHERE run_id = $1 ORDER BY position', [done.id]);
  return { run: publicRun(toRun(done)), pending, topics: await withExamples(db, rows) };
}

async function withExamples(db: Queryable, rows: readonly TopicRow[]): Promise<Topic[]> {
  const ids = rows.flatMap((r) => json<string[]>(r.example_message_ids));
  const messages = ids.length === 0 ? [] : await db.query<{ id: string; conversation_id: string; body: string; created_at: Date }>(
    'SELECT id, conversation_id, body, created_at FROM messages WHERE id = ANY($1::text[])', [ids],
  );
  const byId = new Map(messages.map((m) => [m.id, m]));
  return rows.map((r) => ({
    id: r.id, label: r.label, lang: r.lang, messageCount: Number(r.message_count), conversationCount: Number(r.conversation_count),
    trend: json<number[]>(r.trend),
    // A message deleted since the run (its conversation removed) drops out of the examples.
    examples: json<string[]>(r.example_message_ids).flatMap((id) => {
      const m = byId.get(id);
      return m ? [{ messageId: m.id, conversationId: m.conversation_id, body: m.body, createdAt: new Date(m.created_at).toISOString() }] : [];
    }),
  }));
}

/** One topic of the caller's account with its run and conversations. */
export async function topicDetail(db: Queryable, user: Viewer, topicId: string): Promise<TopicDetail> {
  refuseNonStaff(user);
  const rows = await db.query<TopicRow>('SELECT * FROM topics WHERE id = $1 AND account_id = $2', [topicId, user.accountId]);
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'topic not found');
  const runs = await db.query<Parameters<typeof toRun>[0]>('SELECT * FROM topic_runs WHERE id = $1', [row.run_id]);
  const [topic] = await withExamples(db, [row]);
  const conversations = await db.query<{
    conversation_id: string; contact_name: string; channel_kind: string; status: 'open' | 'resolved'; assignee_id: string | null; last_at: Date;
  }>(
    `SELECT tm.conversation_id, ct.name AS contact_name, ch.kind AS channel_kind, c.status, c.assignee_id, max(m.created_at) AS last_at
       FROM topic_messages tm
       JOIN conversations c ON c.id = tm.conversation_id AND c.account_id = $2
       JOIN contacts ct ON ct.id = c.contact_id
       JOIN channels ch ON ch.id = c.channel_id
       JOIN messages m ON m.id = tm.message_id
      WHERE tm.topic_id = $1
      GROUP BY tm.conversation_id, ct.name, ch.kind, c.status, c.assignee_id
      ORDER BY last_at DESC, tm.conversation_id
      LIMIT ${CONVERSATIONS}`,
    [topicId, user.accountId],
  );
  const messages = await db.query<{ conversation_id: string; id: string; body: string; created_at: Date }>(
    `SELECT conversation_id, id, body, created_at FROM (
       SELECT tm.conversation_id, m.id, m.body, m.created_at,
              row_number() OVER (PARTITION BY tm.conversation_id ORDER BY m.created_at, m.id) AS n
         FROM topic_messages tm JOIN messages m ON m.id = tm.message_id
        WHERE tm.topic_id = $1 AND tm.conversation_id = ANY($2::text[])) x
      WHERE n <= ${MESSAGES_PER_CONVERSATION} ORDER BY created_at, id`,
    [topicId, conversations.map((c) => c.conversation_id)],
  );
  return {
    topic: topic!,
    run: publicRun(toRun(runs[0]!)),
    conversations: conversations.map((c): TopicConversation => ({
      conversationId: c.conversation_id, contactName: c.contact_name, channelKind: c.channel_kind, status: c.status, assigneeId: c.assignee_id,
      lastAt: new Date(c.last_at).toISOString(),
      messages: messages.filter((m) => m.conversation_id === c.conversation_id)
        .map((m) => ({ messageId: m.id, body: m.body, createdAt: new Date(m.created_at).toISOString() })),
    })),
  };
}

/** What was said in a conversation of one of the caller's account's topics, oldest first. */
export async function topicTranscript(db: Queryable, user: Viewer, topicId: string, conversationId: string): Promise<TopicTranscript> {
  refuseNonStaff(user);
  const member = await db.query(
    `SELECT 1 FROM topic_messages tm JOIN topics t ON t.id = tm.topic_id
      WHERE tm.topic_id = $1 AND tm.conversation_id = $2 AND t.account_id = $3 LIMIT 1`,
    [topicId, conversationId, user.accountId],
  );
  if (member.length === 0) throw new AppError('not_found', 'conversation not found in this topic');
  const rows = await db.query<{ id: string; sender_type: 'contact' | 'agent' | 'bot'; body: string; created_at: Date }>(
    `SELECT * FROM (
       SELECT id, sender_type, body, created_at, seq FROM messages
        WHERE conversation_id = $1 AND account_id = $2 AND NOT internal AND sender_type IN ('contact', 'agent', 'bot')
        ORDER BY seq DESC LIMIT ${TRANSCRIPT_LINES}) x
      ORDER BY seq`,
    [conversationId, user.accountId],
  );
  return { messages: rows.map((r) => ({ messageId: r.id, from: r.sender_type, body: r.body, createdAt: new Date(r.created_at).toISOString() })) };
}
