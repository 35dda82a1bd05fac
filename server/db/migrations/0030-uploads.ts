/**
 * Files sent by agents and widget customers (uploads), kept in the same `attachments` table as
 * customers' platform files, so one quota, one store and one signed-link route serve both.
 *
 * - `message_id` may be null: an upload waits for the message that sends it. It is taken by one
 *   message only (set once, when the reply or the customer's message is stored).
 * - `conversation_id`: the conversation an agent's upload was made for; it may be sent there only.
 *   Null on a widget customer's upload (their next message sends it, whichever conversation that
 *   opens) and on customers' platform files (their message names the conversation).
 * - `uploaded_by`, `uploader_kind`: who uploaded it (a user's id with 'agent', a contact's id with
 *   'contact'); only they may send it. Null on customers' platform files.
 * - `attachments_uploads_idx`: a visitor's uploads (their quota) and unsent uploads of a conversation.
 */
export const name = 'uploads';

export const sql = /* sql */ `
ALTER TABLE attachments ALTER COLUMN message_id DROP NOT NULL;
ALTER TABLE attachments ADD COLUMN conversation_id text REFERENCES conversations(id) ON DELETE CASCADE;
ALTER TABLE attachments ADD COLUMN uploaded_by text;
ALTER TABLE attachments ADD COLUMN uploader_kind text CHECK (uploader_kind IN ('agent', 'contact'));
ALTER TABLE attachments ADD CONSTRAINT attachments_has_place CHECK (message_id IS NOT NULL OR uploaded_by IS NOT NULL);
ALTER TABLE attachments ADD CONSTRAINT attachments_uploader CHECK ((uploaded_by IS NULL) = (uploader_kind IS NULL));
CREATE INDEX attachments_uploads_idx ON attachments (uploader_kind, uploaded_by, created_at) WHERE uploaded_by IS NOT NULL;
`;
