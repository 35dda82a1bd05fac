import { uploadResultSchema, type UploadResult } from '../../../shared/attachments';
import { appErrorSchema } from '../../../shared/errors';

/** How an upload ended: the file the server kept, or the error code it answered (`server_unreachable` when it did not). */
export type UploadOutcome = { ok: true; upload: UploadResult } | { ok: false; code: string };

/**
 * Sends a file the customer picked to the server (`POST /api/visitor-uploads`, their widget token in
 * `X-Visitor-Token`); the message that carries it is sent after, naming the kept file.
 */
export async function uploadVisitorFile(origin: string, token: string, file: File, fetchFn: typeof fetch = fetch): Promise<UploadOutcome> {
  let response: Response;
  try {
    response = await fetchFn(`${origin}/api/visitor-uploads?name=${encodeURIComponent(file.name || 'file')}`, {
      method: 'POST', headers: { 'x-visitor-token': token, 'content-type': 'application/octet-stream' }, body: file,
    });
  } catch {
    return { ok: false, code: 'server_unreachable' };
  }
  const json: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = uploadResultSchema.safeParse(json);
    return parsed.success ? { ok: true, upload: parsed.data } : { ok: false, code: 'internal' };
  }
  const error = appErrorSchema.safeParse(json);
  return { ok: false, code: error.success ? error.data.code : 'internal' };
}
