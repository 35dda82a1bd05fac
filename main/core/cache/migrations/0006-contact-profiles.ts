/**
 * The last profile loaded for each customer, so the profile panel still shows it offline (marked
 * stale). Stored masked only: a clear value an agent revealed, or a supervisor sees, never lands
 * on the disk.
 */
export const sql = `
CREATE TABLE contact_profiles (
  contact_id TEXT PRIMARY KEY,
  saved_at TEXT NOT NULL,
  data TEXT NOT NULL
);
`;
