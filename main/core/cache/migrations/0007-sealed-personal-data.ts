/**
 * Personal data is sealed from now on (cache/field-cipher.ts, cache/personal-fields.ts).
 *
 * - `message_search` kept every message body in clear for LIKE: it goes, and search opens the
 *   sealed bodies instead (main/core/message-search.ts).
 * - What was cached in clear from the server is dropped and synced again from the start, sealed.
 *   Drafts and the outbox exist only here: they stay, with the conversations they belong to, and
 *   the client core seals them right after this step (cache/sealed-cache.ts). Read marks hold
 *   only sequence numbers and stay, so the threads synced again are not all unread.
 */
export const sql = `
DROP TRIGGER message_search_insert;
DROP TRIGGER message_search_update;
DROP TRIGGER message_search_delete;
DROP TABLE message_search;
DELETE FROM messages;
DELETE FROM contacts;
DELETE FROM contact_profiles;
DELETE FROM conversations WHERE id NOT IN (SELECT conversation_id FROM drafts)
  AND id NOT IN (SELECT conversation_id FROM outbox);
UPDATE conversations SET messages_complete = 0;
DELETE FROM sync_state WHERE key = 'cursor';
`;
