/**
 * What platform channels keep beside the messages themselves: webhook deliveries stored as they
 * arrived before they are processed (WeChat is answered at once and processed after, even across
 * a restart); the choices a bot message offers (sent as Telegram inline keyboards and WhatsApp
 * buttons or lists); and what a platform said about a message beyond its text (a reaction, the
 * message it replies to, contact cards, a changed number), shown to agents in their language.
 */
export const name = 'channel-intake';

export const sql = /* sql */ `
CREATE TABLE webhook_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel_id text NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
  -- The platform's id for what it delivered (MsgId, or sender:CreateTime:event): a retry is kept once.
  dedupe_key text NOT NULL CHECK (char_length(dedupe_key) BETWEEN 1 AND 300),
  -- The raw body as the platform sent it (its signature was checked before it was stored).
  payload text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  attempts int NOT NULL DEFAULT 0,
  -- While a worker processes it: after this another worker (or the next start) takes it over.
  lease_expires_at timestamptz,
  processed_at timestamptz,
  last_error text,
  UNIQUE (channel_id, dedupe_key)
);
CREATE INDEX webhook_events_unprocessed_idx ON webhook_events (id) WHERE processed_at IS NULL;

CREATE TABLE message_choices (
  message_id text PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  -- The options the customer may pick, in order: [{ "title": …, "reply": … }].
  choices jsonb NOT NULL
);

-- A platform's own details of a customer message (shared/domain.ts channelDetailsSchema).
ALTER TABLE messages ADD COLUMN channel_details jsonb;
`;
