import { z } from 'zod';
import { contentLength, downloadMedia, platformMediaId, type FetchedMedia, type MediaFetcher } from '../framework/media-fetcher';
import { callPlatform, DeliveryError, joinUrl } from '../framework/outbound';
import { graphBase, graphFailure } from './whatsapp-sender';

/** The Graph API's answer to `GET /{media-id}`: a download URL valid for five minutes, and what the file is. */
const mediaInfoSchema = z.looseObject({
  url: z.string().url(),
  mime_type: z.string().optional(),
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/).optional(),
  file_size: z.union([z.number(), z.string().regex(/^\d{1,15}$/)]).optional(),
  id: z.string().optional(),
});

/**
 * A customer's WhatsApp media as the Cloud API documents it: `GET {graph}/{media-id}` with the
 * access token gives the URL (and size and sha-256), then `GET <url>` with the same token gives
 * the bytes. The URL expires after five minutes, so each attempt asks for a new one.
 */
export const whatsappMediaFetcher: MediaFetcher = {
  async fetch({ channel, source, signal }): Promise<FetchedMedia> {
    const mediaId = platformMediaId(source, 'WhatsApp');
    const token = channel.secrets.accessToken;
    if (!token) throw new DeliveryError('the WhatsApp channel has no access token', false);
    const phoneNumberId = String(channel.config.phoneNumberId ?? '');
    const query = phoneNumberId ? `?phone_number_id=${encodeURIComponent(phoneNumberId)}` : '';
    const authorization = `Bearer ${token}`;
    const info = await callPlatform(joinUrl(graphBase(channel), `${encodeURIComponent(mediaId)}${query}`), { method: 'GET', headers: { authorization }, signal }, 'WhatsApp');
    if (info.status < 200 || info.status >= 300) throw graphFailure(info);
    const parsed = mediaInfoSchema.safeParse(info.json);
    if (!parsed.success) throw new DeliveryError('WhatsApp answered the media request without a download URL', true);
    const response = await downloadMedia(parsed.data.url, { method: 'GET', headers: { authorization }, signal }, 'WhatsApp');
    const declared = parsed.data.file_size !== undefined ? Number(parsed.data.file_size) : contentLength(response.headers);
    return { body: response.body, declaredSize: declared, sha256: parsed.data.sha256 ?? null };
  },
};
