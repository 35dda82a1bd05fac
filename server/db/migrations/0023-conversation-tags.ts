/**
 * Conversation tags (resolve with an outcome): admin-managed tags that say why a customer got in
 * touch ('reason'), how it ended ('outcome') or anything else the team tracks ('other'). They
 * describe one conversation; a customer's own tags stay on contacts.tag_groups.
 *
 * For reports:
 * - conversation_tags: the list per account. Tags are archived, never deleted, so links keep
 *   their names; `position` is the order the picker offers them in.
 * - conversation_tag_links: one row per tag on a conversation, with who put it there and when.
 *   Carries the account so the report queries stay on one index:
 *     tag counts over a period:   (account_id, tag_id, added_at)
 *     per agent over a period:    (account_id, added_by, added_at)
 *   A conversation's resolution time is conversations.resolved_at; join on conversation_id.
 * - conversation_tag_settings: whether resolving needs an outcome tag.
 */
export const name = 'conversation-tags';

export const sql = /* sql */ `
CREATE TABLE conversation_tags (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('reason', 'outcome', 'other')),
  colour text CHECK (colour ~ '^#[0-9a-f]{6}$'),
  archived boolean NOT NULL DEFAULT false,
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, kind, name)
);

CREATE TABLE conversation_tag_links (
  conversation_id text NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  tag_id text NOT NULL REFERENCES conversation_tags(id) ON DELETE RESTRICT,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  added_by text REFERENCES users(id) ON DELETE SET NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, tag_id)
);
CREATE INDEX conversation_tag_links_tag_idx ON conversation_tag_links (account_id, tag_id, added_at);
CREATE INDEX conversation_tag_links_agent_idx ON conversation_tag_links (account_id, added_by, added_at);

CREATE TABLE conversation_tag_settings (
  account_id text PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  require_outcome boolean NOT NULL DEFAULT false
);
`;
