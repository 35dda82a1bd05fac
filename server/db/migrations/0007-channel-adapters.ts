/**
 * Channel adapters and contacts across channels: channels gain secrets (write-only), an on/off
 * switch and where they were declared; messages can carry an attachment's structure; every reply
 * a customer should get on a platform channel is queued for delivery by the database itself, so
 * no writer (agent replies, notices, the bot) can forget it and no internal note can slip in;
 * identities carry the verified phone or email they came with; merges are recorded so they can be
 * undone; email conversations keep their thread headers.
 */
export const name = 'channel-adapters';

export const sql = /* sql */ `
ALTER TABLE channels
  ADD COLUMN enabled boolean NOT NULL DEFAULT true,
  ADD COLUMN secrets jsonb NOT NULL DEFAULT '{}'::jsonb,
  ADD COLUMN source text NOT NULL DEFAULT 'admin' CHECK (source IN ('admin', 'file')),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

ALTER TABLE messages ADD COLUMN attachment jsonb;

ALTER TABLE contact_identities
  ADD COLUMN display_name text,
  -- Verified by the platform (WhatsApp's wa_id, a shared Telegram contact, a signed widget
  -- identity): digits only for phones, lower case for emails. Unverified values never go here.
  ADD COLUMN phone text,
  ADD COLUMN email text,
  ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX contact_identities_phone_idx ON contact_identities (phone) WHERE phone IS NOT NULL;
CREATE INDEX contact_identities_email_idx ON contact_identities (email) WHERE email IS NOT NULL;

-- A contact merged into another keeps its row (for unmerge) and points at the one that stayed.
ALTER TABLE contacts ADD COLUMN merged_into text REFERENCES contacts(id);
CREATE INDEX contacts_phone_key_idx ON contacts (account_id, (regexp_replace(phone, '[^0-9]', '', 'g')))
  WHERE phone IS NOT NULL AND merged_into IS NULL;
CREATE INDEX contacts_email_key_idx ON contacts (account_id, (lower(email)))
  WHERE email IS NOT NULL AND merged_into IS NULL;

CREATE TABLE contact_merges (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id),
  kept_contact_id text NOT NULL REFERENCES contacts(id),
  merged_contact_id text NOT NULL REFERENCES contacts(id),
  reason text NOT NULL CHECK (reason IN ('manual', 'phone', 'email')),
  -- Null for an automatic merge.
  actor_id text,
  -- What moved, so an unmerge can move it back: identities, conversations, orders, and the kept
  -- contact's phone and email before the merge.
  moved jsonb NOT NULL,
  merged_at timestamptz NOT NULL DEFAULT now(),
  unmerged_at timestamptz,
  unmerged_by text
);
CREATE INDEX contact_merges_kept_idx ON contact_merges (kept_contact_id);
CREATE INDEX contact_merges_merged_idx ON contact_merges (merged_contact_id);

-- One row per message to deliver through a platform channel: the durable outbound queue.
CREATE TABLE channel_deliveries (
  message_id text PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  account_id text NOT NULL REFERENCES accounts(id),
  channel_id text NOT NULL REFERENCES channels(id),
  conversation_id text NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  -- The message's seq: replies in one conversation go out in this order.
  seq bigint NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'read', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- While 'sending': after this another worker may take it over (the sender died mid-call).
  lease_expires_at timestamptz,
  -- The platform's id for the sent message (wamid, Telegram message_id, Message-ID), for status updates.
  external_id text,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX channel_deliveries_due_idx ON channel_deliveries (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX channel_deliveries_conversation_idx ON channel_deliveries (conversation_id, seq) WHERE status IN ('pending', 'sending');
CREATE UNIQUE INDEX channel_deliveries_external_idx ON channel_deliveries (channel_id, external_id) WHERE external_id IS NOT NULL;

-- Every message the customer should see (not theirs, not internal) on a conversation of a
-- platform channel is queued in the same transaction that stores it.
CREATE FUNCTION queue_channel_delivery() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target record;
BEGIN
  IF NEW.internal OR NEW.sender_type = 'contact' THEN
    RETURN NEW;
  END IF;
  SELECT c.channel_id, ch.kind INTO target
    FROM conversations c JOIN channels ch ON ch.id = c.channel_id
    WHERE c.id = NEW.conversation_id;
  IF target.kind IS NULL OR target.kind = 'widget' THEN
    RETURN NEW;
  END IF;
  INSERT INTO channel_deliveries (message_id, account_id, channel_id, conversation_id, seq)
    VALUES (NEW.id, NEW.account_id, target.channel_id, NEW.conversation_id, NEW.seq);
  RETURN NEW;
END;
$$;
CREATE TRIGGER messages_queue_channel_delivery AFTER INSERT ON messages
  FOR EACH ROW EXECUTE FUNCTION queue_channel_delivery();

-- An email conversation's thread: its subject and Message-IDs (oldest first) for replies' headers.
CREATE TABLE email_threads (
  conversation_id text PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  subject text NOT NULL,
  message_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
  last_inbound_id text
);
`;
