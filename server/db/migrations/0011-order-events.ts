/**
 * Order-status events and the bot's order-status replies: every status change the built-in store
 * records (`POST /api/orders/:id/status`) and every event a shop's system sends
 * (`POST /api/orders/events`), stored once per sender's event id with what the bot did about it;
 * the account's secret those requests are signed with; and a bot turn's link to the event it
 * answered, so admins see why the bot wrote to a customer who had not written.
 */
export const name = 'order-events';

export const sql = /* sql */ `
-- HMAC-SHA256 key of signed order requests (README: Order-status events); null: none accepted.
ALTER TABLE accounts ADD COLUMN order_events_secret text;

CREATE TABLE order_events (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  -- 'store': a change of the built-in orders table; 'rest': an event from the shop's own system.
  source text NOT NULL CHECK (source IN ('store', 'rest')),
  -- The sender's id for the event: a redelivery with the same id is stored once.
  external_id text NOT NULL CHECK (char_length(external_id) BETWEEN 1 AND 200),
  -- No foreign key: a shop's order need not be in the built-in table.
  order_id text,
  order_number text,
  status text NOT NULL,
  previous_status text,
  contact_id text REFERENCES contacts(id) ON DELETE SET NULL,
  -- The admin who changed the status; null for a signed request from the shop's system.
  actor_id text,
  -- What the bot did: replied, or why it did not.
  outcome text NOT NULL CHECK (outcome IN ('replied', 'no_rule', 'no_contact', 'no_conversation', 'window_closed')),
  rule_id text,
  conversation_id text REFERENCES conversations(id) ON DELETE SET NULL,
  message_id text REFERENCES messages(id) ON DELETE SET NULL,
  occurred_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, source, external_id)
);
CREATE INDEX order_events_contact_idx ON order_events (contact_id, created_at DESC);

ALTER TABLE bot_turns ADD COLUMN order_event_id text REFERENCES order_events(id) ON DELETE SET NULL;
`;
