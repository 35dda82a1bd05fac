import { performance } from 'node:perf_hooks';
import { buildTopics, type CustomerMessage } from '../../server/domain/topics/build-topics';
import { DEFAULT_TOPIC_MESSAGE_CAP } from '../../server/domain/topics/topic-job';
import { kmeans } from '../../server/domain/topics/kmeans';
import { plainTerms } from '../../server/domain/topics/message-terms';
import { seededRandom } from '../../shared/seeded-random';
import { tfidf } from '../../server/domain/topics/tfidf';
import { readEvalPart } from '../topic-eval/eval-set';
import { emit, log } from './report';

const DAY = 86_400_000;

/**
 * One topic run at the message cap (20,000 customer messages made from the labelled set with
 * small variations, over 7 days): the whole grouping, and the longest the event loop was held,
 * against k-means on plain TF-IDF over the same messages in the same run.
 */
export async function topicsBench(): Promise<void> {
  const base = [...readEvalPart('calibration'), ...readEvalPart('held-out')].map((m) => m.text);
  const tails = ['', ' 谢谢', ' pls', ' 急', ' ??', ' 在吗'];
  const from = Date.UTC(2026, 11, 1);
  const messages: CustomerMessage[] = Array.from({ length: DEFAULT_TOPIC_MESSAGE_CAP }, (_, i) => ({
    id: `m${i}`, conversationId: `c${Math.floor(i / 2)}`, body: base[i % base.length]! + tails[i % tails.length]!, createdAt: from + (i % 7) * DAY,
  }));
  // The dictionaries load once per process: warmed first, so the figures are a run's own.
  await buildTopics(messages.slice(0, 50), { from, days: 7 }, 50);

  let longestGap = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, 5);
  const t0 = performance.now();
  const built = await buildTopics(messages, { from, days: 7 }, DEFAULT_TOPIC_MESSAGE_CAP);
  const methodMs = performance.now() - t0;
  // The ticker's next tick measures the stretch that ended the run.
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(ticker);

  const t1 = performance.now();
  const plain = tfidf(messages.map((m) => plainTerms(m.body)), 2);
  kmeans(plain.vectors, { k: 16, dims: plain.terms.length, random: seededRandom(17) });
  const baselineMs = performance.now() - t1;
  log(`topics: ${built.topics.length} topics from ${built.clustered} messages`);
  emit({ bench: 'topics', figure: 'run at the cap', value: methodMs, unit: 'ms', baseline: { name: 'k-means on plain TF-IDF, k = 16', value: baselineMs }, messages: built.clustered, topics: built.topics.length });
  emit({ bench: 'topics', figure: 'longest event-loop stall', value: longestGap, unit: 'ms', baseline: { name: 'whole run', value: methodMs } });
}
