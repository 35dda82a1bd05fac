import type { Attachment, SenderType } from '../../../shared/domain';
import type { Queryable } from '../../db/db';
import type { ChannelRecord } from '../../domain/channels/channel-repository';
import type { MessageChoice } from '../../domain/conversations/message-choices';

/** A reply on its way out: never an internal note (the queue refuses those before any adapter sees them). */
export type OutboundMessage = {
  id: string;
  conversationId: string;
  /** As the platform shows it: Markdown already turned into its own text (platform-text.ts). */
  body: string;
  attachment: Attachment | null;
  senderType: Exclude<SenderType, 'contact'>;
  senderName: string | null;
  createdAt: string;
  /** Picks the message offers (the bot's menus), sent as buttons where the platform has them. */
  choices: MessageChoice[];
  /** A file an agent uploaded for this reply, sent with the platform's own upload; null for none. */
  file: OutboundFile | null;
};

/**
 * An agent's file on its way out, already checked against the channel's limits when the reply was
 * stored (shared/outbound-files.ts): `kind` says whether it goes as a picture or a document; the
 * caption is `message.attachment.caption`.
 */
export type OutboundFile = {
  kind: 'image' | 'document';
  fileName: string;
  /** As sniffed from the bytes when uploaded. */
  mimeType: string;
  size: number;
  /** The bytes, read from the attachment store. */
  read(): Promise<Buffer>;
};

/** The file as a multipart part: a Blob of its bytes with its type. */
export async function fileBlob(file: OutboundFile): Promise<Blob> {
  return new Blob([new Uint8Array(await file.read())], { type: file.mimeType });
}

/** The customer on the conversation's channel: the platform's id for them there. */
export type Recipient = { contactId: string; externalId: string; name: string | null };

export type OutboundContext = {
  channel: ChannelRecord;
  recipient: Recipient;
  message: OutboundMessage;
  /** For adapters that keep per-conversation state (email threads). */
  db: Queryable;
  /** Aborts the platform call when it takes too long. */
  signal: AbortSignal;
};

/** What the platform answered: its id for the sent message, when it gives one (for status updates). */
export type SendResult = { externalId: string | null };

/** One platform's way of sending a reply. Throws DeliveryError with the platform's reason when it fails. */
export interface ChannelSender {
  send(ctx: OutboundContext): Promise<SendResult>;
}

/**
 * A failed platform call. `retryable`: trying again later may work (network, 5xx, rate limits);
 * otherwise the platform refused for good (blocked by the user, outside the reply window).
 */
export class DeliveryError extends Error {
  constructor(
    /** The platform's reason in its own words, shown to the agent. */
    readonly reason: string,
    readonly retryable: boolean,
    /** The platform asked to wait this long (Retry-After, Telegram's retry_after). */
    readonly retryAfterMs?: number,
  ) {
    super(reason);
    this.name = 'DeliveryError';
  }
}

export type PlatformResponse = { status: number; text: string; json: unknown; headers: Headers };

/**
 * One HTTP call to a platform. Network failures and timeouts become retryable DeliveryErrors; any
 * HTTP answer is returned for the adapter to read in the platform's terms.
 */
export async function callPlatform(url: string, init: RequestInit & { signal: AbortSignal }, platform: string): Promise<PlatformResponse> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (err) {
    const cause = err instanceof Error ? (err.name === 'TimeoutError' || err.name === 'AbortError' ? 'timed out' : err.message) : String(err);
    throw new DeliveryError(`${platform} could not be reached: ${cause}`, true);
  }
  const text = await response.text().catch(() => '');
  let json: unknown = null;
  try {
    json = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    json = null;
  }
  return { status: response.status, text, json, headers: response.headers };
}

/** Retry-After in seconds (or an HTTP date) as milliseconds. */
export function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Whether an HTTP status is worth trying again: timeouts, rate limits and the platform's own failures. */
export function retryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Joins a base URL (which may carry a path, e.g. a Graph API version) and a path. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
