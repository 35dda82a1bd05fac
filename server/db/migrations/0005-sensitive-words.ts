/**
 * Sensitive words (敏感词): per-account words and patterns that alert supervisors, mask or block.
 * The account's version number goes up with every change, so each server node can tell whether
 * its compiled copy of the list is current with one cheap read.
 */
export const name = 'sensitive-words';

export const sql = /* sql */ `
CREATE TABLE sensitive_words (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  pattern text NOT NULL CHECK (char_length(pattern) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('word', 'regex')),
  action text NOT NULL CHECK (action IN ('alert', 'block', 'mask')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, kind, pattern)
);

ALTER TABLE accounts ADD COLUMN sensitive_words_version bigint NOT NULL DEFAULT 0;
`;
