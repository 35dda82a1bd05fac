/**
 * A reply in the outbox may carry one file (main/core/outbox.ts): `file` is sealed JSON with the
 * file's name, type and size, and the server's file id once uploaded (so a retry sends without
 * uploading again). The bytes wait in the cache folder (outbox-files/<client id>), sealed too.
 */
export const sql = `
ALTER TABLE outbox ADD COLUMN file TEXT;
`;
