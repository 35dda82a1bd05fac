import { createHash } from 'node:crypto';
import type { RecordedAnswer, RecordingServer } from './recording-server';

/** A file a fake platform hands out, and (optionally) a hold on its download until a test lets it go. */
export type PlatformFile = { bytes: Buffer; mimeType: string; hold?: Promise<void> };

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * The Graph API's media endpoints as Meta documents them, on a recording server whose channel uses
 * `${url}/v21.0` as its base: `GET /v21.0/<media id>` with the access token answers the media's
 * URL, type, sha-256 and size; `GET <url>` with the token answers the bytes. Without the token both
 * answer 401 as Graph does. `before(n)` may answer the n-th media request instead (an outage).
 */
export function serveWhatsAppMedia(
  graph: RecordingServer,
  media: PlatformFile & { id: string; token: string; before?: (n: number) => RecordedAnswer | undefined },
): () => void {
  let asked = 0;
  const unauthorized: RecordedAnswer = { status: 401, json: { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } } };
  return graph.answer(async (r) => {
    if (r.method !== 'GET') return undefined;
    if (r.path === `/v21.0/${media.id}`) {
      const outage = media.before?.(++asked);
      if (outage) return outage;
      if (r.headers.authorization !== `Bearer ${media.token}`) return unauthorized;
      return {
        json: {
          messaging_product: 'whatsapp', url: `${graph.url}/whatsapp-cdn/${media.id}?ext=1`, mime_type: media.mimeType,
          sha256: sha256(media.bytes), file_size: media.bytes.length, id: media.id,
        },
      };
    }
    if (r.path === `/whatsapp-cdn/${media.id}`) {
      if (r.headers.authorization !== `Bearer ${media.token}`) return unauthorized;
      await media.hold;
      return { bytes: media.bytes, headers: { 'content-type': media.mimeType } };
    }
    return undefined;
  });
}

/**
 * The Bot API's file download as Telegram documents it, on a recording server whose channel uses
 * `${url}/telegram` as its base: `getFile?file_id=…` answers a File with its `file_path`, and
 * `GET /file/bot<token>/<file_path>` the bytes.
 */
export function serveTelegramFile(api: RecordingServer, file: PlatformFile & { token: string; fileId: string; filePath: string }): () => void {
  return api.answer(async (r) => {
    if (r.path === `/telegram/bot${file.token}/getFile` && r.query.get('file_id') === file.fileId) {
      return { json: { ok: true, result: { file_id: file.fileId, file_unique_id: `u-${file.fileId}`, file_size: file.bytes.length, file_path: file.filePath } } };
    }
    if (r.method === 'GET' && r.path === `/telegram/file/bot${file.token}/${file.filePath}`) {
      await file.hold;
      return { bytes: file.bytes, headers: { 'content-type': file.mimeType } };
    }
    return undefined;
  });
}
