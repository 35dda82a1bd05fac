/**
 * Rate-limit counts shared by every server node (used only when several nodes run; one node keeps
 * them in memory): failed sign-ins per email, address and pair, the pairs trusted after a
 * successful sign-in, and new widget visitors per address in fixed windows. One row per key; a row
 * whose `expires_at` passed counts for nothing and is swept.
 */
export const name = 'rate-limit-counts';

export const sql = /* sql */ `
CREATE TABLE rate_limit_counts (
  key text PRIMARY KEY,
  hits integer NOT NULL CHECK (hits >= 0),
  last_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_counts_expires_idx ON rate_limit_counts (expires_at);
`;
