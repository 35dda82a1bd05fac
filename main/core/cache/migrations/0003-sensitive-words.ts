/** The team's sensitive words, so a reply is checked before it leaves, offline too. */
export const sql = `
CREATE TABLE sensitive_words (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL
);
`;
