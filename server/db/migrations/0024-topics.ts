/**
 * Question clustering (观点聚类): what customers asked about over a period, grouped by meaning.
 *
 * - `topic_runs`: one clustering of an account's customer messages (sender_type 'contact', not
 *   internal) created in [period_from, period_to), `period_days` long. `trigger` says whether the
 *   nightly job or a supervisor asked for it; `status` goes queued → running → done | failed
 *   (`error` then says why). `method` is 'local' (the server's own clustering and labels) or
 *   'local+ai-labels' (labels named by the account's AI provider). `message_count` counts the
 *   customer messages of the period, `clustered_count` those clustered (a sample beyond the cap).
 *   The latest done run per (account_id, period_days) is what the desktop shows; older runs beyond
 *   the last few are deleted with their topics.
 * - `topics`: one group of a run, `position` 0 the largest. `label` is short, in `lang` (the
 *   group's main language). `message_count` and `conversation_count` count the clustered messages
 *   and their conversations. `trend` is a JSON array of integers, messages per UTC day from the
 *   day of period_from, one per day of the period. `example_message_ids` is a JSON array of
 *   message ids, the most typical first.
 * - `topic_messages`: every clustered message of a topic with its conversation, so a report can
 *   join topics to conversations (tags, CSAT) and the desktop can open them.
 * - `messages_customer_time_idx`: customer messages of an account by time, for the job's query
 *   (and reports counting customer messages per period).
 */
export const name = 'topics';

export const sql = /* sql */ `
CREATE TABLE topic_runs (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  period_days integer NOT NULL CHECK (period_days BETWEEN 1 AND 90),
  period_from timestamptz NOT NULL,
  period_to timestamptz NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('nightly', 'request')),
  requested_by text REFERENCES users(id) ON DELETE SET NULL,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  method text,
  message_count integer NOT NULL DEFAULT 0,
  clustered_count integer NOT NULL DEFAULT 0,
  error text,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX topic_runs_latest_idx ON topic_runs (account_id, period_days, created_at DESC);
CREATE INDEX topic_runs_queued_idx ON topic_runs (created_at) WHERE status = 'queued';

CREATE TABLE topics (
  id text PRIMARY KEY,
  run_id text NOT NULL REFERENCES topic_runs(id) ON DELETE CASCADE,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  position integer NOT NULL,
  label text NOT NULL,
  lang text NOT NULL CHECK (lang IN ('zh', 'en')),
  message_count integer NOT NULL,
  conversation_count integer NOT NULL,
  trend jsonb NOT NULL,
  example_message_ids jsonb NOT NULL,
  UNIQUE (run_id, position)
);

CREATE TABLE topic_messages (
  topic_id text NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  message_id text NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  conversation_id text NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  PRIMARY KEY (topic_id, message_id)
);
CREATE INDEX topic_messages_conversation_idx ON topic_messages (conversation_id);
CREATE INDEX topic_messages_message_idx ON topic_messages (message_id);

CREATE INDEX messages_customer_time_idx ON messages (account_id, created_at) WHERE sender_type = 'contact';
`;
