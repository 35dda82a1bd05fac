/**
 * Customers' files kept by the server (photos, documents, voice notes), one row per file a message
 * carried, hanging off the message.
 *
 * - `attachments`: `position` orders the files of one message (an email may carry several; the
 *   message shows the first). `kind` is the message model's (image, document, voice, …);
 *   `file_name` what the customer or platform called it. `state` goes pending → ready, or to
 *   failed (given up after `attempts`, `error` says why), too_large (larger than one file may
 *   be) or over_quota (the account's storage is full); the message is kept in every case.
 *   `source` says where the bytes are: `{"kind":"platform","mediaId":…}` (the channel's platform
 *   API: WhatsApp media id, Telegram file_id, WeChat MediaId), `{"kind":"url","url":…}` (an API
 *   channel's link) or `{"kind":"inline"}` (the bytes came with the message: email).
 *   `sha256`, `size` and `mime_type` (sniffed from the bytes) are set once stored; the bytes
 *   themselves are in the attachment store under the sha-256, so one file sent twice is stored
 *   once. `next_attempt_at` is when the fetch job tries a pending one (null: nothing to fetch);
 *   `lease_expires_at` marks one a node is fetching, so a stopped node's work is picked up again.
 * - `attachments_due_idx`: the job's look for due pending files.
 * - `attachments_account_blob_idx`: an account's stored bytes (its quota) and whether a blob is
 *   still used before it is deleted.
 */
export const name = 'attachments';

export const sql = /* sql */ `
CREATE TABLE attachments (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  message_id text NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  position integer NOT NULL DEFAULT 0 CHECK (position >= 0),
  kind text NOT NULL,
  file_name text,
  state text NOT NULL CHECK (state IN ('pending', 'ready', 'failed', 'too_large', 'over_quota')),
  source jsonb NOT NULL,
  sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint CHECK (size >= 0),
  mime_type text,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  lease_expires_at timestamptz,
  error text,
  created_at timestamptz NOT NULL,
  stored_at timestamptz,
  UNIQUE (message_id, position),
  CHECK (state <> 'ready' OR (sha256 IS NOT NULL AND size IS NOT NULL AND mime_type IS NOT NULL))
);
CREATE INDEX attachments_due_idx ON attachments (next_attempt_at) WHERE state = 'pending';
CREATE INDEX attachments_account_blob_idx ON attachments (account_id, sha256) WHERE sha256 IS NOT NULL;
CREATE INDEX attachments_blob_idx ON attachments (sha256) WHERE sha256 IS NOT NULL;
`;
