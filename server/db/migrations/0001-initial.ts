/** The first schema: accounts, people, channels, conversations, messages, knowledge, auth. */
export const name = 'initial';

export const sql = /* sql */ `
CREATE TABLE accounts (
  id text PRIMARY KEY,
  name text NOT NULL,
  seq bigint NOT NULL DEFAULT 0
);

CREATE TABLE users (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id),
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
  password_hash text NOT NULL,
  max_chats int NOT NULL DEFAULT 5,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE skill_groups (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id),
  name text NOT NULL
);

CREATE TABLE user_skill_groups (
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  skill_group_id text NOT NULL REFERENCES skill_groups(id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, skill_group_id)
);

CREATE TABLE contacts (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id),
  name text NOT NULL,
  email text,
  phone text,
  vip_level int NOT NULL DEFAULT 0,
  tags jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contacts_account_idx ON contacts (account_id);

CREATE TABLE channels (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id),
  kind text NOT NULL CHECK (kind IN ('widget', 'whatsapp', 'telegram', 'wechat', 'email', 'api')),
  name text NOT NULL,
  config jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE contact_identities (
  contact_id text NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  channel_id text NOT NULL REFERENCES channels(id),
  external_id text NOT NULL,
  UNIQUE (channel_id, external_id)
);
CREATE INDEX contact_identities_contact_idx ON contact_identities (contact_id);

CREATE TABLE orders (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id),
  contact_id text NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  number text NOT NULL,
  status text NOT NULL,
  total_cents int NOT NULL,
  currency text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_contact_idx ON orders (contact_id);

CREATE TABLE conversations (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id),
  channel_id text NOT NULL REFERENCES channels(id),
  contact_id text NOT NULL REFERENCES contacts(id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  assignee_id text REFERENCES users(id),
  seq bigint NOT NULL,
  last_message_at timestamptz NOT NULL DEFAULT now(),
  last_message_preview text NOT NULL DEFAULT '',
  last_message_sender_type text CHECK (last_message_sender_type IN ('contact', 'agent', 'bot', 'system')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversations_account_seq_idx ON conversations (account_id, seq);
CREATE INDEX conversations_account_activity_idx ON conversations (account_id, last_message_at DESC);
-- A contact has at most one open conversation per channel; new messages land there.
CREATE UNIQUE INDEX conversations_one_open_idx ON conversations (contact_id, channel_id) WHERE status = 'open';

CREATE TABLE messages (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id),
  conversation_id text NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  sender_type text NOT NULL CHECK (sender_type IN ('contact', 'agent', 'bot', 'system')),
  sender_id text,
  body text NOT NULL,
  client_id text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_account_seq_idx ON messages (account_id, seq);
CREATE INDEX messages_conversation_seq_idx ON messages (conversation_id, seq);

CREATE TABLE kb_articles (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id),
  lang text NOT NULL CHECK (lang IN ('zh', 'en')),
  title text NOT NULL,
  body text NOT NULL,
  category text NOT NULL,
  tags jsonb NOT NULL DEFAULT '[]'::jsonb,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE templates (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id),
  owner_id text REFERENCES users(id) ON DELETE CASCADE,
  lang text NOT NULL CHECK (lang IN ('zh', 'en')),
  shortcut text NOT NULL,
  title text NOT NULL,
  body text NOT NULL
);

CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

-- Server-wide settings, e.g. the token secret when the data lives in PostgreSQL.
CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL
);
`;
