/**
 * The oldest cursor an account's changes can still be synced from. Raised when history is
 * pruned; a client asking from an older cursor is told to reset and sync again from 0.
 */
export const name = 'sync-floor';

export const sql = /* sql */ `
ALTER TABLE accounts ADD COLUMN sync_floor bigint NOT NULL DEFAULT 0;
`;
