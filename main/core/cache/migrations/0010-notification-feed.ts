/**
 * The notification centre (main/core/notification-feed.ts): what happened to this user, newest
 * first, with its read state. `data` is the event sealed (names and excerpts are personal data);
 * `at` orders the list and `read_at` is NULL while unread.
 */
export const sql = `
CREATE TABLE notification_feed (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  read_at TEXT,
  data TEXT NOT NULL
);
CREATE INDEX notification_feed_at ON notification_feed (at, id);
CREATE INDEX notification_feed_unread ON notification_feed (read_at) WHERE read_at IS NULL;
`;
