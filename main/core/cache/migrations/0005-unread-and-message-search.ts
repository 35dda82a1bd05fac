/**
 * Unread counts and message search.
 *
 * - `messages.author` (computed from the stored JSON, never written): who wrote a message, with
 *   'internal' for notes, indexed per conversation so "the customer's messages after seq N" and
 *   "the team's last reply" are each one index range.
 * - `read_state`: how far this agent has read each thread (a message seq).
 * - `message_search`: each message's text (system notices aside), kept by triggers whatever
 *   writes `messages`, scanned with LIKE. Measured on 200,000 cached messages: a LIKE scan answers
 *   in 12–16 ms and the table adds about 0.4 s to writing them all; an FTS5 trigram index answers
 *   rare words in under 1 ms but adds about 1.9 s to that write (the first sync of a large inbox),
 *   so LIKE it is.
 */
export const sql = `
ALTER TABLE messages ADD COLUMN author TEXT GENERATED ALWAYS AS (
  CASE WHEN json_extract(data, '$.internal') THEN 'internal' ELSE json_extract(data, '$.senderType') END
) VIRTUAL;
CREATE INDEX messages_author ON messages (conversation_id, author, seq);

CREATE TABLE read_state (
  conversation_id TEXT PRIMARY KEY,
  last_read_seq INTEGER NOT NULL
);

CREATE TABLE message_search (
  message_id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  body TEXT NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER message_search_insert AFTER INSERT ON messages WHEN new.author IS NOT 'system' BEGIN
  INSERT OR REPLACE INTO message_search (message_id, conversation_id, seq, body)
  VALUES (new.id, new.conversation_id, new.seq, COALESCE(json_extract(new.data, '$.body'), ''));
END;
CREATE TRIGGER message_search_update AFTER UPDATE OF data ON messages BEGIN
  UPDATE message_search SET body = COALESCE(json_extract(new.data, '$.body'), '') WHERE message_id = new.id;
END;
CREATE TRIGGER message_search_delete AFTER DELETE ON messages BEGIN
  DELETE FROM message_search WHERE message_id = old.id;
END;

INSERT INTO message_search (message_id, conversation_id, seq, body)
  SELECT id, conversation_id, seq, COALESCE(json_extract(data, '$.body'), '') FROM messages WHERE author IS NOT 'system';
`;
