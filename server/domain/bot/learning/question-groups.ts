import type { UnansweredGroup } from '../../../../shared/bot-learning';
import { questionKey, topicWords } from './question-text';

/** One customer message the bot missed or handed over. */
export type UnansweredItem = { text: string; action: 'miss' | 'handoff'; conversationId: string; at: string };

/** Two questions are one topic when this share of the shorter one's words is in the other. */
const OVERLAP = 0.5;
const EXAMPLES = 5;

type Group = { items: UnansweredItem[]; seed: ReadonlySet<string>; words: Map<string, number>; keys: Map<string, { text: string; count: number }> };

/**
 * Groups questions by similar wording, a local method with no model: each question's topic words
 * (jieba for Chinese, words for Latin script) are compared with each group's words so far; a
 * question joins the group sharing most of its words (at least OVERLAP of the shorter of it and the group's first question),
 * else starts one. Identical wordings (after folding) always meet. Biggest groups first, then
 * the most recent.
 */
export function groupQuestions(items: readonly UnansweredItem[], limit: number): UnansweredGroup[] {
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  const ordered = [...items].sort((a, b) => a.at.localeCompare(b.at));
  for (const item of ordered) {
    const key = questionKey(item.text);
    if (!key) continue;
    const words = topicWords(item.text);
    if (words.size === 0) words.add(key);
    let group = byKey.get(key) ?? bestGroup(groups, words);
    if (!group) {
      group = { items: [], seed: words, words: new Map(), keys: new Map() };
      groups.push(group);
    }
    byKey.set(key, group);
    group.items.push(item);
    for (const w of words) group.words.set(w, (group.words.get(w) ?? 0) + 1);
    const seen = group.keys.get(key);
    if (seen) seen.count += 1;
    else group.keys.set(key, { text: item.text, count: 1 });
  }
  return groups
    .map(toView)
    .sort((a, b) => b.count - a.count || b.lastSeenAt.localeCompare(a.lastSeenAt))
    .slice(0, limit);
}

function bestGroup(groups: readonly Group[], words: ReadonlySet<string>): Group | undefined {
  let best: Group | undefined;
  let bestScore = 0;
  for (const group of groups) {
    let shared = 0;
    for (const w of words) if (group.words.has(w)) shared++;
    if (shared === 0) continue;
    // Measured against the shorter of the question and the group's first question (the union of
    // every member's words only grows).
    const score = shared / Math.min(words.size, group.seed.size);
    if (score >= OVERLAP && score > bestScore) {
      best = group;
      bestScore = score;
    }
  }
  return best;
}

function toView(group: Group): UnansweredGroup {
  const recent = [...group.items].reverse();
  const examples: string[] = [];
  const seenKeys = new Set<string>();
  for (const item of recent) {
    const key = questionKey(item.text);
    if (seenKeys.has(key)) continue;
    seenKeys.add(key);
    examples.push(item.text);
    if (examples.length === EXAMPLES) break;
  }
  const top = [...group.keys.values()].sort((a, b) => b.count - a.count)[0]!;
  return {
    question: top.text,
    count: group.items.length,
    handoffs: group.items.filter((i) => i.action === 'handoff').length,
    lastSeenAt: recent[0]!.at,
    examples,
    conversationIds: [...new Set(recent.map((i) => i.conversationId))].slice(0, EXAMPLES),
  };
}
