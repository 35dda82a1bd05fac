/**
 * Customer satisfaction (CSAT, 满意度): a survey after an agent resolves a conversation, and the
 * customer's answer. Reports read these tables.
 *
 * - `csat_settings`: one row per account (no row: surveys off). `channel_kinds` lists the channel
 *   kinds that ask (widget, whatsapp, telegram, wechat, email); the question is kept in Chinese and
 *   English and the customer gets the one matching the language they wrote in. `link_valid_days`:
 *   how long a signed survey link (WeChat, email) and a button (WhatsApp, Telegram) are taken.
 * - `csat_requests`: one per conversation, written in the resolve's transaction. `agent_id` and
 *   `group_id` are the conversation's assignee and skill group when it was resolved; `channel_kind`
 *   is copied so reports need no join. `token` is the random id the buttons and links carry (a
 *   link also carries an HMAC signature and its expiry; see server/domain/csat/survey-link.ts).
 *   `message_id` is the survey line in the thread (what the widget shows as a stars card and the
 *   platforms get as buttons or a link).
 * - `csat_answers`: at most one per conversation: the answer that counts. The customer may change
 *   their mind: a new answer to the same request replaces rating and comment (the latest counts),
 *   `first_answered_at` stays, `changes` counts the replacements. Answers are taken until the
 *   request expires, whatever happened to the conversation meanwhile; `late` marks an answer given
 *   after the customer had already started a new conversation on that channel, or more than a day
 *   after the survey was sent. `via`: where the answer came from (widget, whatsapp, telegram, link).
 *   `source_id`: the platform's id of the last answer, so a webhook delivered twice counts once.
 *   agent, group and channel are copied from the request for indexed report queries.
 */
export const name = 'csat';

export const sql = /* sql */ `
CREATE TABLE csat_settings (
  account_id text PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  enabled boolean NOT NULL DEFAULT false,
  channel_kinds text[] NOT NULL DEFAULT ARRAY['widget', 'whatsapp', 'telegram', 'wechat', 'email'],
  question_zh text NOT NULL DEFAULT '请问您对本次服务满意吗？请打分（1–5 星）。',
  question_en text NOT NULL DEFAULT 'How satisfied are you with the help you got? Please rate us from 1 to 5 stars.',
  link_valid_days integer NOT NULL DEFAULT 7 CHECK (link_valid_days BETWEEN 1 AND 90),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE csat_requests (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  conversation_id text NOT NULL UNIQUE REFERENCES conversations(id) ON DELETE CASCADE,
  token text NOT NULL UNIQUE,
  message_id text REFERENCES messages(id) ON DELETE SET NULL,
  channel_id text NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  channel_kind text NOT NULL,
  agent_id text REFERENCES users(id) ON DELETE SET NULL,
  group_id text REFERENCES skill_groups(id) ON DELETE SET NULL,
  language text NOT NULL CHECK (language IN ('zh', 'en')),
  sent_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX csat_requests_sent_idx ON csat_requests (account_id, sent_at);
CREATE INDEX csat_requests_message_idx ON csat_requests (message_id) WHERE message_id IS NOT NULL;

CREATE TABLE csat_answers (
  conversation_id text PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  request_id text NOT NULL UNIQUE REFERENCES csat_requests(id) ON DELETE CASCADE,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment text CHECK (comment IS NULL OR char_length(comment) <= 2000),
  via text NOT NULL CHECK (via IN ('widget', 'whatsapp', 'telegram', 'link')),
  agent_id text REFERENCES users(id) ON DELETE SET NULL,
  group_id text REFERENCES skill_groups(id) ON DELETE SET NULL,
  channel_id text NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  channel_kind text NOT NULL,
  first_answered_at timestamptz NOT NULL,
  answered_at timestamptz NOT NULL,
  changes integer NOT NULL DEFAULT 0,
  late boolean NOT NULL DEFAULT false,
  source_id text
);
CREATE INDEX csat_answers_date_idx ON csat_answers (account_id, answered_at);
CREATE INDEX csat_answers_agent_idx ON csat_answers (account_id, agent_id, answered_at);
CREATE INDEX csat_answers_group_idx ON csat_answers (account_id, group_id, answered_at);
CREATE INDEX csat_answers_channel_idx ON csat_answers (account_id, channel_kind, answered_at);
`;
