/**
 * A copy a browser can play of a voice note the customer's platform sent in a format browsers do
 * not play (WeChat's AMR), made with ffmpeg when the server has it: its bytes in the attachment
 * store under `playable_sha256`, with their size and type (Ogg Opus). Null when no copy is needed
 * or none could be made: the original is then offered as a download.
 */
export const name = 'playable-voice';

export const sql = /* sql */ `
ALTER TABLE attachments
  ADD COLUMN playable_sha256 text CHECK (playable_sha256 ~ '^[0-9a-f]{64}$'),
  ADD COLUMN playable_size bigint CHECK (playable_size >= 0),
  ADD COLUMN playable_mime_type text;
CREATE INDEX attachments_playable_blob_idx ON attachments (playable_sha256) WHERE playable_sha256 IS NOT NULL;
`;
