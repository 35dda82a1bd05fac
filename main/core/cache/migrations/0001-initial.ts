/** The first cache schema: conversations, messages, the sync cursor, drafts and the outbox. */
export const sql = `
CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  last_message_at TEXT NOT NULL,
  -- 'full': visible to this agent; 'lost': no longer theirs, kept only for their unsent text
  access TEXT NOT NULL DEFAULT 'full' CHECK (access IN ('full', 'lost')),
  -- 1 once the whole thread has been fetched; live pushes and sync keep it whole after that
  messages_complete INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL
);
CREATE INDEX conversations_recent ON conversations (last_message_at DESC);

CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  client_id TEXT,
  data TEXT NOT NULL
);
CREATE INDEX messages_thread ON messages (conversation_id, seq);
CREATE UNIQUE INDEX messages_client_id ON messages (client_id) WHERE client_id IS NOT NULL;

CREATE TABLE sync_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE drafts (
  conversation_id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  reason TEXT
);

-- Replies are written here before they are emitted; a row leaves only when the server acked it
-- (or the agent discarded it, or it was returned to the draft). client_id is a UUIDv7, so ordering
-- by it is the order the agent wrote them.
CREATE TABLE outbox (
  client_id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'failed')),
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_conversation ON outbox (conversation_id, client_id);
`;
