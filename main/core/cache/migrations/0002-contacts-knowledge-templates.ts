/** Customers, knowledge articles and quick replies, so the profile, knowledge and "/" work offline. */
export const sql = `
CREATE TABLE contacts (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL
);

CREATE TABLE kb_articles (
  id TEXT PRIMARY KEY,
  lang TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  data TEXT NOT NULL
);

CREATE TABLE templates (
  id TEXT PRIMARY KEY,
  shortcut TEXT NOT NULL,
  data TEXT NOT NULL
);
`;
