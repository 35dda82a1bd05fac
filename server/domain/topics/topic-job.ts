import { TOPIC_PERIODS, type TopicPeriod, type TopicRun } from '../../../shared/topics';
import type { Db } from '../../db/db';
import type { Clock } from '../../lib/clock';
import type { ErrorLogger } from '../../lib/error-logger';
import { PolledJob } from '../../lib/polled-job';
import type { Timers } from '../../lib/timers';
import type { AiService } from '../ai/ai-service';
import { canNameTopics, nameTopics } from './ai-topic-labels';
import { buildTopics, type BuiltTopic } from './build-topics';
import { accountsDueNightly, claimRun, customerMessages, failRun, publicRun, queueRun, requeueStale, saveTopics, type StoredRun } from './topic-repository';

/** How often queued runs and the nightly schedule are looked at (ms). */
export const DEFAULT_TOPIC_POLL_MS = 10 * 60_000;
/** The most customer messages one run clusters; beyond it a seeded sample keeps a run to seconds. */
export const DEFAULT_TOPIC_MESSAGE_CAP = 20_000;
/** The UTC hour after which each account's nightly run is queued. */
const NIGHTLY_HOUR_UTC = 18; // 02:00 in China, where most of our shops' customers are.
/** A run still marked running after this long was left by a node that stopped: it is queued again. */
const STALE_MS = 30 * 60_000;
const DAY_MS = 86_400_000;

export type TopicJobOptions = {
  db: Db;
  clock: Clock;
  logError: ErrorLogger;
  timers?: Timers;
  pollMs?: number;
  messageCap?: number;
  /** The account's AI provider names topics when it has a chat model; absent: local labels only. */
  ai?: Pick<AiService, 'settings' | 'failed'>;
};

/**
 * Question clustering as a background job: every night (after NIGHTLY_HOUR_UTC) each account's
 * customer messages of the last 7 days are grouped into topics; a supervisor can queue a run of
 * any period now. Runs are rows (queued → running → done | failed), so several nodes share the
 * work and a request returns at once. Time comes from the injected clock.
 */
export class TopicJob extends PolledJob {
  /** When this job started: a nightly boundary before it is only made up for accounts that had nightly runs. */
  private readonly startedAt: number;

  constructor(private readonly options: TopicJobOptions) {
    super({ timers: options.timers, pollMs: options.pollMs ?? DEFAULT_TOPIC_POLL_MS, logError: options.logError, name: 'topic job' });
    this.startedAt = options.clock();
  }

  /** Queues a run of the last `days` days for a supervisor (or returns the one already waiting) and starts on it. */
  async request(accountId: string, days: TopicPeriod, userId: string): Promise<TopicRun> {
    const run = await queueRun(this.options.db, accountId, days, this.options.clock(), 'request', userId);
    this.worker.kick();
    return publicRun(run);
  }

  protected async runOnce(): Promise<number> {
    const { db, clock } = this.options;
    const now = clock();
    await requeueStale(db, now - STALE_MS);
    await this.queueNightly(now);
    const run = await claimRun(db, now);
    if (!run) return 0;
    try {
      await this.execute(run);
    } catch (err) {
      this.options.logError(err, 'topic run');
      await failRun(db, run.id, err instanceof Error ? err.message : String(err), clock());
    }
    return 1;
  }

  private async queueNightly(now: number): Promise<void> {
    const today = Math.floor(now / DAY_MS) * DAY_MS + NIGHTLY_HOUR_UTC * 3_600_000;
    const due = now >= today ? today : today - DAY_MS;
    const days = TOPIC_PERIODS[0];
    // A new server (or a test's) does not cluster at start: the first nightly run waits for the boundary.
    for (const accountId of await accountsDueNightly(this.options.db, days, due, due >= this.startedAt)) {
      await queueRun(this.options.db, accountId, days, now, 'nightly', null);
    }
  }

  private async execute(run: StoredRun): Promise<void> {
    const { db, clock } = this.options;
    const messages = await customerMessages(db, run);
    const built = await buildTopics(messages, { from: run.fromMs, days: run.days }, this.options.messageCap ?? DEFAULT_TOPIC_MESSAGE_CAP, seedOf(run.id));
    const method = await this.nameWithAi(run.accountId, built.topics) ? 'local+ai-labels' : 'local';
    await db.transaction((tx) => saveTopics(tx, run, built.topics, { messages: messages.length, clustered: built.clustered }, method, clock()));
  }

  /** Replaces the local labels with the provider's names where it gave one; false when it was not asked or failed. */
  private async nameWithAi(accountId: string, topics: BuiltTopic[]): Promise<boolean> {
    const ai = this.options.ai;
    if (!ai || topics.length === 0) return false;
    const settings = await ai.settings(accountId);
    if (!canNameTopics(settings)) return false;
    try {
      const names = await nameTopics(settings, topics.map((t) => ({ lang: t.lang, examples: t.examples.map((e) => e.body) })));
      for (const [i, name] of names) topics[i]!.label = name;
      return names.size > 0;
    } catch (err) {
      ai.failed(err, 'naming topics');
      return false;
    }
  }
}

/** A run's sample is the same whenever it is computed again. */
function seedOf(id: string): number {
  let h = 0;
  for (const ch of id) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return h;
}
