/**
 * Sign-in sessions: every sign-in starts one, and each refresh token belongs to the session it
 * descends from. A used refresh token is kept (marked used) until it expires, so presenting it a
 * second time is recognised as theft and ends the whole session; access tokens name their
 * session, so signing out ends them at once.
 */
export const name = 'sign-in-sessions';

export const sql = /* sql */ `
CREATE TABLE sign_in_sessions (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sign_in_sessions_user_idx ON sign_in_sessions (user_id);

ALTER TABLE refresh_tokens ADD COLUMN session_id text;
ALTER TABLE refresh_tokens ADD COLUMN used_at timestamptz;

-- Each refresh token handed out before sessions existed starts a session of its own.
UPDATE refresh_tokens SET session_id = gen_random_uuid()::text;
INSERT INTO sign_in_sessions (id, user_id, created_at) SELECT session_id, user_id, now() FROM refresh_tokens;

ALTER TABLE refresh_tokens ALTER COLUMN session_id SET NOT NULL;
ALTER TABLE refresh_tokens ADD CONSTRAINT refresh_tokens_session_fk
  FOREIGN KEY (session_id) REFERENCES sign_in_sessions(id) ON DELETE CASCADE;
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);
`;
