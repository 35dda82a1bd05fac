/**
 * Deactivated users: an admin can take someone off the team without deleting them, so their
 * messages, notes and audit entries keep naming them. A deactivated user cannot sign in.
 */
export const name = 'user-deactivation';

export const sql = /* sql */ `
ALTER TABLE users ADD COLUMN deactivated_at timestamptz;
`;
