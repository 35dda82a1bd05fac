import type { Lang } from '../../../shared/domain';
import { clusterSteps } from './cluster-messages';
import { runStepsLettingGo } from './steps';
import { readMessage, type MessageReading } from './message-terms';
import { seededRandom } from '../../../shared/seeded-random';
import { summarizeTopics } from './topic-labels';

export type CustomerMessage = { id: string; conversationId: string; body: string; createdAt: number };

export type BuiltTopic = {
  label: string;
  lang: Lang;
  messages: CustomerMessage[];
  conversationCount: number;
  /** Messages per UTC day from the day the period starts. */
  trend: number[];
  /** Its most typical messages, most typical first. */
  examples: CustomerMessage[];
};

export type BuiltTopics = { topics: BuiltTopic[]; clustered: number };

const DAY_MS = 86_400_000;
/** A group this small is noise, not something customers ask about. */
const MIN_TOPIC_MESSAGES = 2;
const EXAMPLES = 5;
/** Messages read between two turns of the event loop. */
const SLICE = 500;

/**
 * Customer messages of a period grouped into topics, largest first: at most `cap` of them are
 * clustered (a seeded sample beyond it), each topic labelled, counted per UTC day and given its
 * most typical messages. Messages without a word to group by (emoji, "ok") are left out. The
 * messages are read and grouped in steps with the event loop let go between them, so a server
 * keeps answering requests meanwhile (`npm run bench -- topics` measures the longest stall).
 */
export async function buildTopics(messages: readonly CustomerMessage[], period: { from: number; days: number }, cap: number, seed = 17): Promise<BuiltTopics> {
  const usable = messages.filter((m) => /[\p{L}]/u.test(m.body));
  const chosen = usable.length > cap ? sample(usable, cap, seededRandom(seed)) : usable;
  if (chosen.length === 0) return { topics: [], clustered: 0 };
  const texts = chosen.map((m) => m.body);
  const readings: MessageReading[] = [];
  for (let i = 0; i < texts.length; i += SLICE) {
    for (const text of texts.slice(i, i + SLICE)) readings.push(readMessage(text));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const clustering = await runStepsLettingGo(clusterSteps(readings, { seed }));
  const summaries = summarizeTopics(texts, clustering.vectors, clustering.terms, clustering.assignment);
  const firstDay = Math.floor(period.from / DAY_MS);
  const days = Math.floor((period.from + period.days * DAY_MS - 1) / DAY_MS) - firstDay + 1;
  const topics: BuiltTopic[] = summaries.map((summary, c) => {
    const members = chosen.filter((_, i) => clustering.assignment[i] === c);
    const trend = new Array<number>(days).fill(0);
    for (const m of members) {
      const day = Math.floor(m.createdAt / DAY_MS) - firstDay;
      if (day >= 0 && day < days) trend[day]! += 1;
    }
    return {
      label: summary.label,
      lang: summary.lang,
      messages: members,
      conversationCount: new Set(members.map((m) => m.conversationId)).size,
      trend,
      examples: summary.central.slice(0, EXAMPLES).map((i) => chosen[i]!),
    };
  });
  return {
    topics: topics.filter((t) => t.messages.length >= MIN_TOPIC_MESSAGES).sort((a, b) => b.messages.length - a.messages.length),
    clustered: chosen.length,
  };
}

function sample<T>(items: readonly T[], n: number, random: () => number): T[] {
  const copy = [...items];
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}
