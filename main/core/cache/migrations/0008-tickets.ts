/**
 * Tickets offline: the tickets this user may see and their history, synced with `tickets:changes`
 * from their own cursor (`sync_state` key `tickets_cursor`); comments and new tickets written
 * while offline wait in `ticket_outbox` under their client id; the comment box's text per ticket
 * in `ticket_drafts`. `data` and `body`/`payload` are sealed (cache/field-cipher.ts); the clear
 * columns are what the list sorts and filters by.
 */
export const sql = `
CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  number INTEGER NOT NULL,
  status TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  history_complete INTEGER NOT NULL DEFAULT 0,
  data TEXT NOT NULL
);
CREATE INDEX tickets_updated ON tickets (updated_at DESC);
CREATE TABLE ticket_events (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  client_id TEXT,
  data TEXT NOT NULL
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, created_at, seq);
CREATE TABLE ticket_outbox (
  client_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('comment', 'create')),
  ticket_id TEXT,
  payload TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'failed')),
  error TEXT
);
CREATE TABLE ticket_drafts (
  ticket_id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  public INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  reason TEXT
);
`;
