/**
 * What the bot learns from: each "which one did you mean?" turn keeps the articles it offered
 * and, once the customer wrote again, what they picked; and questions that led to an article (an
 * agent inserted it into a reply, a customer picked it among suggestions) are kept once per
 * article and normalised wording, counted, for admins to accept as an alternative question.
 */
export const name = 'bot-learning';

export const sql = /* sql */ `
ALTER TABLE bot_turns ADD COLUMN suggested jsonb;
ALTER TABLE bot_turns ADD COLUMN picked text;

CREATE TABLE kb_question_pairs (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  article_id text NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
  question text NOT NULL,
  -- The wording folded for comparison: one row per article and wording.
  normalized text NOT NULL,
  source text NOT NULL CHECK (source IN ('agent_insert', 'customer_pick')),
  sources text[] NOT NULL,
  count integer NOT NULL DEFAULT 1,
  -- The latest conversation and message the pair was seen in.
  conversation_id text REFERENCES conversations(id) ON DELETE SET NULL,
  message_id text REFERENCES messages(id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested', 'accepted', 'dismissed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, article_id, normalized)
);
CREATE INDEX kb_question_pairs_account_idx ON kb_question_pairs (account_id, status, last_seen_at DESC);
CREATE INDEX bot_turns_unanswered_idx ON bot_turns (account_id, created_at) WHERE action IN ('miss', 'handoff');
`;
