/**
 * Offline knowledge search. `kb_search` holds each searchable article's title, alternative
 * questions and body folded for searching (see shared/text/index-form.ts); `kb_fts` indexes the
 * same columns with FTS5's trigram tokenizer, contentless (the text is read from `kb_search`) with
 * deletes allowed, so an article that changes is indexed again by itself. Both are filled from the
 * cached articles by the client core, never by SQL alone.
 */
export const sql = `
CREATE TABLE kb_search (
  id INTEGER PRIMARY KEY,
  article_id TEXT NOT NULL UNIQUE,
  stamp TEXT NOT NULL,
  title TEXT NOT NULL,
  questions TEXT NOT NULL,
  body TEXT NOT NULL,
  -- title and questions together: one LIKE per term where trigrams cannot answer
  head TEXT NOT NULL
);

CREATE VIRTUAL TABLE kb_fts USING fts5(
  title, questions, body,
  content = '', contentless_delete = 1, tokenize = 'trigram'
);
`;
