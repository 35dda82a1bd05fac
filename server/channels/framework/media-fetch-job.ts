import type { ChannelKind } from '../../../shared/domain';
import type { Db } from '../../db/db';
import type { Clock } from '../../lib/clock';
import type { ErrorLogger } from '../../lib/error-logger';
import { PolledJob } from '../../lib/polled-job';
import type { Timers } from '../../lib/timers';
import { attachmentConversation, claimDueAttachments, retryAttachmentLater, type AttachmentRecord } from '../../domain/attachments/attachment-repository';
import { ChecksumMismatchError, type AttachmentIntake } from '../../domain/attachments/attachment-intake';
import { findChannel } from '../../domain/channels/channel-repository';
import type { MediaFetcher } from './media-fetcher';
import { DeliveryError } from './outbound';
import { afterFailure, type RetryPolicy } from './retry-policy';

/** Media ids last for days (WhatsApp 30, WeChat 3): about 30 s, 1, 2, 4 … up to 30 min apart, ten tries in some four hours. */
export const DEFAULT_MEDIA_RETRY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 30_000, maxDelayMs: 30 * 60_000 };
/** How often due files are looked for without a kick (ms). */
export const DEFAULT_MEDIA_POLL_MS = 5_000;
/** How long one download may take before it counts as failed (ms). */
export const DEFAULT_MEDIA_TIMEOUT_MS = 120_000;
/** Files fetched at once by one node. */
const BATCH = 4;

export type MediaFetchJobOptions = {
  db: Db;
  intake: AttachmentIntake;
  clock: Clock;
  logError: ErrorLogger;
  /** Each platform's way of handing out a file; a channel kind without one has nothing to fetch. */
  fetchers: Partial<Record<ChannelKind, MediaFetcher>>;
  timers?: Timers;
  retry?: RetryPolicy;
  pollMs?: number;
  timeoutMs?: number;
};

/**
 * Fetches customers' files from their platforms in the background, so a webhook is answered at
 * once: due `pending` rows are claimed (several nodes share the work, a stopped node's claims
 * lapse), fetched as the platform documents, and stored by the intake. A failure worth trying
 * again (network, 5xx, throttling, a store that was down) waits a backoff from the injected clock;
 * one that will not work (the media expired, a private address) or the last attempt marks it failed.
 */
export class MediaFetchJob extends PolledJob {
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;

  constructor(private readonly options: MediaFetchJobOptions) {
    super({ timers: options.timers, pollMs: options.pollMs ?? DEFAULT_MEDIA_POLL_MS, logError: options.logError, name: 'media fetch' });
    this.retry = options.retry ?? DEFAULT_MEDIA_RETRY;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_MEDIA_TIMEOUT_MS;
  }

  protected async runOnce(): Promise<number> {
    const claimed = await claimDueAttachments(this.options.db, new Date(this.options.clock()), BATCH, this.timeoutMs * 2);
    await Promise.all(claimed.map((record) => this.fetchOne(record)));
    return claimed.length;
  }

  private async fetchOne(record: AttachmentRecord): Promise<void> {
    const { db, intake, clock } = this.options;
    try {
      const where = await attachmentConversation(db, record.id);
      const channel = where ? await findChannel(db, where.channelId) : null;
      if (!channel) return void (await intake.fail(record, 'the channel no longer exists'));
      const fetcher = this.options.fetchers[channel.kind];
      if (!fetcher) return void (await intake.fail(record, `files are not fetched from ${channel.kind} channels`));
      const signal = AbortSignal.timeout(this.timeoutMs);
      const media = await fetcher.fetch({ channel, source: record.source, signal });
      if (media.declaredSize !== null && media.declaredSize > intake.limits.maxFileBytes) {
        await cancel(media.body);
        await intake.tooLarge(record, media.declaredSize);
        return;
      }
      await intake.store(record, media.body, media.sha256);
    } catch (err) {
      const retryable = err instanceof DeliveryError ? err.retryable : true;
      const reason = err instanceof Error ? err.message : String(err);
      if (!(err instanceof DeliveryError) && !(err instanceof ChecksumMismatchError)) this.options.logError(err, 'media fetch');
      const next = afterFailure(this.retry, record.attempts, retryable, err instanceof DeliveryError ? err.retryAfterMs : undefined);
      try {
        if (next.retry) await retryAttachmentLater(db, record.id, reason, new Date(clock() + next.delayMs));
        else await intake.fail(record, reason);
      } catch (inner) {
        this.options.logError(inner, 'media fetch');
      }
    }
  }
}

/** Lets go of a download that will not be read. */
async function cancel(body: unknown): Promise<void> {
  const b = body as { cancel?: () => Promise<void>; destroy?: () => void };
  if (typeof b.cancel === 'function') await b.cancel().catch(() => undefined);
  else b.destroy?.();
}
