import { z } from 'zod';
import { contentLength, downloadMedia, platformMediaId, type FetchedMedia, type MediaFetcher } from '../framework/media-fetcher';
import { callPlatform, DeliveryError, joinUrl, retryableStatus } from '../framework/outbound';
import { apiBase } from './telegram-sender';

/** The Bot API's answer to getFile: a File whose `file_path` is valid for at least an hour. */
const getFileSchema = z.looseObject({
  ok: z.boolean(),
  result: z.looseObject({ file_id: z.string(), file_size: z.number().optional(), file_path: z.string().optional() }).optional(),
  description: z.string().optional(),
  error_code: z.number().optional(),
  parameters: z.looseObject({ retry_after: z.number().optional() }).optional(),
});

/**
 * A customer's Telegram file as the Bot API documents it: `getFile` with the file_id gives a
 * `file_path`, and `GET {base}/file/bot<token>/<file_path>` gives the bytes. Bots may download
 * files up to 20 MB; Telegram gives no path for larger ones, which is final.
 */
export const telegramMediaFetcher: MediaFetcher = {
  async fetch({ channel, source, signal }): Promise<FetchedMedia> {
    const fileId = platformMediaId(source, 'Telegram');
    const token = channel.secrets.botToken;
    if (!token) throw new DeliveryError('the Telegram channel has no bot token', false);
    const base = apiBase(channel);
    const answer = await callPlatform(joinUrl(base, `bot${token}/getFile?file_id=${encodeURIComponent(fileId)}`), { method: 'GET', signal }, 'Telegram');
    const parsed = getFileSchema.safeParse(answer.json);
    if (answer.status < 200 || answer.status >= 300 || !parsed.success || !parsed.data.ok) {
      const said = parsed.success ? parsed.data : undefined;
      const retryAfter = said?.parameters?.retry_after;
      throw new DeliveryError(said?.description ?? `Telegram answered HTTP ${answer.status}`, retryableStatus(answer.status), retryAfter !== undefined ? retryAfter * 1000 : undefined);
    }
    const filePath = parsed.data.result?.file_path;
    if (!filePath) throw new DeliveryError('Telegram gave no download path for the file (bots may download files up to 20 MB)', false);
    const path = filePath.split('/').map(encodeURIComponent).join('/');
    const response = await downloadMedia(joinUrl(base, `file/bot${token}/${path}`), { method: 'GET', signal }, 'Telegram');
    return { body: response.body, declaredSize: parsed.data.result?.file_size ?? contentLength(response.headers) };
  },
};
