/**
 * The knowledge base and the bot: articles get alternative questions (相似问法) and an enabled
 * flag; admins' keyword and scenario replies; every bot turn with what it matched, how sure it
 * was, what it did and what it remembers for the next turn. The account's knowledge revision goes
 * up with every change to articles or replies, so each server node can tell with one cheap read
 * whether its search index is current.
 */
export const name = 'knowledge-bot';

export const sql = /* sql */ `
ALTER TABLE kb_articles
  ADD COLUMN questions jsonb NOT NULL DEFAULT '[]'::jsonb,
  ADD COLUMN enabled boolean NOT NULL DEFAULT true;
CREATE INDEX kb_articles_account_idx ON kb_articles (account_id, updated_at);

ALTER TABLE accounts ADD COLUMN knowledge_revision bigint NOT NULL DEFAULT 0;

CREATE TABLE bot_rules (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('keyword', 'greeting', 'off_hours', 'order_status')),
  match text CHECK (match IN ('exact', 'contains', 'regex')),
  pattern text CHECK (char_length(pattern) BETWEEN 1 AND 200),
  reply_zh text NOT NULL DEFAULT '',
  reply_en text NOT NULL DEFAULT '',
  enabled boolean NOT NULL DEFAULT true,
  priority int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (reply_zh <> '' OR reply_en <> ''),
  CHECK (kind <> 'keyword' OR (match IS NOT NULL AND pattern IS NOT NULL)),
  CHECK (kind <> 'order_status' OR pattern IS NOT NULL)
);
CREATE INDEX bot_rules_account_idx ON bot_rules (account_id, kind, priority);

CREATE TABLE bot_turns (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  conversation_id text NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  message_id text REFERENCES messages(id) ON DELETE SET NULL,
  action text NOT NULL CHECK (action IN ('answer', 'clarify', 'miss', 'handoff', 'rule', 'smalltalk')),
  via text NOT NULL CHECK (via IN ('retrieval', 'choice', 'topic', 'rule', 'none')),
  -- No foreign keys: a turn keeps saying what it used after the article or rule is gone.
  article_id text,
  rule_id text,
  confidence double precision,
  candidates jsonb NOT NULL DEFAULT '[]'::jsonb,
  handoff_reason text CHECK (handoff_reason IN ('request', 'misses', 'upset')),
  lang text NOT NULL CHECK (lang IN ('zh', 'en')),
  sentiment double precision NOT NULL DEFAULT 0,
  -- What the bot remembers after this turn (topic, pending choice, misses): the next turn starts here.
  state jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bot_turns_conversation_idx ON bot_turns (conversation_id, id DESC);
CREATE INDEX bot_turns_account_idx ON bot_turns (account_id, id DESC);
`;
