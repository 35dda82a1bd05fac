/**
 * An optional OpenAI-compatible provider per account (server/domain/ai/): where it is, which
 * models, the API key sealed with a key derived from the server's secret, the call timeout and
 * the feature switches (all off). Article embeddings are kept per article and model with the
 * hash of the text they were computed from, so an unchanged article is never embedded again.
 * On PostgreSQL with the pgvector extension available the vectors are also kept as `vector`
 * (cosine ranked by the database); elsewhere (PGlite) only as real[] and ranked by the server.
 */
export const name = 'ai-provider';

export const sql = /* sql */ `
CREATE TABLE ai_settings (
  account_id text PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  base_url text NOT NULL DEFAULT '',
  chat_model text NOT NULL DEFAULT '',
  embedding_model text NOT NULL DEFAULT '',
  api_key_sealed text,
  timeout_ms integer NOT NULL DEFAULT 4000 CHECK (timeout_ms BETWEEN 1 AND 60000),
  hybrid_retrieval boolean NOT NULL DEFAULT false,
  grounded_answers boolean NOT NULL DEFAULT false,
  handoff_summary boolean NOT NULL DEFAULT false,
  reply_suggestions boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE article_embeddings (
  article_id text NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
  account_id text NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  model text NOT NULL,
  content_hash text NOT NULL,
  dims integer NOT NULL,
  embedding real[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (article_id, model)
);
CREATE INDEX article_embeddings_account_model ON article_embeddings (account_id, model);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    BEGIN
      CREATE EXTENSION IF NOT EXISTS vector;
      ALTER TABLE article_embeddings ADD COLUMN embedding_vector vector;
    EXCEPTION WHEN OTHERS THEN
      -- Available but not installable by this role: the plain column serves.
      RAISE NOTICE 'pgvector not used: %', SQLERRM;
    END;
  END IF;
END $$;
`;
