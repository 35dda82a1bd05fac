import type { AttachmentSource } from '../../domain/attachments/attachment-source';
import type { ByteSource } from '../../domain/attachments/spooled-file';
import type { ChannelRecord } from '../../domain/channels/channel-repository';
import { DeliveryError, retryableStatus, retryAfterMs } from './outbound';

/** A file's bytes on their way from a platform, with what the platform said about them beforehand. */
export type FetchedMedia = {
  body: ByteSource;
  /** The size the platform gave (its API or Content-Length); null when it gave none. */
  declaredSize: number | null;
  /** The sha-256 (hex) the platform gave for the bytes (WhatsApp), checked after download. */
  sha256?: string | null;
};

/**
 * One platform's way of handing out a customer's file, as it documents it. Throws DeliveryError
 * (retryable or not, in the platform's words) when it cannot; the fetch job decides about retries.
 */
export interface MediaFetcher {
  fetch(ctx: { channel: ChannelRecord; source: AttachmentSource; signal: AbortSignal }): Promise<FetchedMedia>;
}

/** The platform's id for the media, or a refusal for a source this platform cannot have made. */
export function platformMediaId(source: AttachmentSource, platform: string): string {
  if (source.kind !== 'platform') throw new DeliveryError(`${platform} media are fetched by their id, not by a ${source.kind} source`, false);
  return source.mediaId;
}

/** The Content-Length of a response as a number, when it is one. */
export function contentLength(headers: Headers): number | null {
  const value = headers.get('content-length');
  return value !== null && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

/**
 * GETs a file's bytes from a platform. A network failure or timeout is a retryable DeliveryError;
 * an HTTP error answer is a DeliveryError retryable as its status says. The body is left unread.
 */
export async function downloadMedia(url: string, init: RequestInit & { signal: AbortSignal }, platform: string): Promise<Response & { body: ReadableStream<Uint8Array> }> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: 'follow' });
  } catch (err) {
    const cause = err instanceof Error ? (err.name === 'TimeoutError' || err.name === 'AbortError' ? 'timed out' : err.message) : String(err);
    throw new DeliveryError(`${platform} could not be reached for the file: ${cause}`, true);
  }
  if (!response.ok || !response.body) {
    const text = await response.text().catch(() => '');
    throw new DeliveryError(`${platform} answered HTTP ${response.status} for the file${text ? `: ${text.slice(0, 200)}` : ''}`, retryableStatus(response.status), retryAfterMs(response.headers));
  }
  return response as Response & { body: ReadableStream<Uint8Array> };
}
