import type { Lang } from '../../../shared/domain';
import { chat, type ChatMessage } from '../ai/ai-client';
import { endpointOf } from '../ai/ai-service';
import type { AiSettings } from '../ai/ai-settings-repository';

export type TopicToName = { lang: Lang; examples: readonly string[] };

/** The most characters a label may have, whoever wrote it. */
export const TOPIC_LABEL_MAX = 60;
const EXAMPLES_PER_TOPIC = 5;

/** Whether the account's provider can name topics: a chat model at a reachable address with a readable key. */
export function canNameTopics(settings: AiSettings): boolean {
  return Boolean(settings.chatModel && settings.baseUrl && !settings.apiKeyUnreadable);
}

/** Asks the chat model for a short name of each group of customer messages, in the group's language. */
export function topicNamesPrompt(topics: readonly TopicToName[]): ChatMessage[] {
  const groups = topics.map((t, i) => {
    const lines = t.examples.slice(0, EXAMPLES_PER_TOPIC).map((e) => `- ${e.replace(/\s+/g, ' ').slice(0, 200)}`);
    return `[${i + 1}] (${t.lang === 'zh' ? 'Chinese' : 'English'})\n${lines.join('\n')}`;
  });
  return [
    {
      role: 'system',
      content: [
        'You name groups of customer messages for a customer-service report.',
        'For each numbered group, write one line "[n] name": what those customers ask about, in at most six words',
        '(a group marked Chinese is named in Simplified Chinese, at most ten characters). No other text.',
      ].join('\n'),
    },
    { role: 'user', content: groups.join('\n\n') },
  ];
}

/** The names in the model's answer by group index; a group it did not name is missing. */
export function readTopicNames(text: string, count: number): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*\[(\d+)\]\s*[:：-]?\s*(.+?)\s*$/.exec(line);
    if (!m) continue;
    const index = Number(m[1]) - 1;
    const name = m[2]!.replace(/^["“'「]|["”'」]$/g, '').trim();
    if (index >= 0 && index < count && name && !names.has(index)) names.set(index, [...name].slice(0, TOPIC_LABEL_MAX).join(''));
  }
  return names;
}

/** Names from the provider for some topics; throws what the client throws (the caller falls back to its own labels). */
export async function nameTopics(settings: AiSettings, topics: readonly TopicToName[]): Promise<Map<number, string>> {
  if (topics.length === 0) return new Map();
  const text = await chat(endpointOf(settings), settings.chatModel, topicNamesPrompt(topics), { maxTokens: 60 + topics.length * 24 });
  return readTopicNames(text, topics.length);
}
