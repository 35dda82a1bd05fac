import { z } from 'zod';
import { langSchema } from '../../../../shared/domain';

/**
 * What the bot remembers of a conversation between turns: the language in use, the article the
 * talk is about (and the question that led there), the choice it offered and awaits, how many
 * times in a row it found nothing, and which one-time notices it has sent.
 */
export const botStateSchema = z.object({
  lang: langSchema.nullable(),
  topic: z.object({ articleId: z.string(), question: z.string() }).nullable(),
  pending: z.object({ articleIds: z.array(z.string()).min(1).max(3), question: z.string() }).nullable(),
  misses: z.number().int().nonnegative(),
  turns: z.number().int().nonnegative(),
  notices: z.array(z.string()),
});
export type BotState = z.infer<typeof botStateSchema>;

export const INITIAL_BOT_STATE: BotState = { lang: null, topic: null, pending: null, misses: 0, turns: 0, notices: [] };

/** A stored state read back; anything unreadable starts afresh rather than failing the turn. */
export function readBotState(value: unknown): BotState {
  const parsed = botStateSchema.safeParse(typeof value === 'string' ? safeJson(value) : value);
  return parsed.success ? parsed.data : INITIAL_BOT_STATE;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
