import { z } from 'zod';
import type { Queryable } from '../../db/db';

/** A pick a message offers the customer: the button's title, and what picking it says for them. */
export const messageChoiceSchema = z.object({
  title: z.string().min(1),
  reply: z.string().min(1),
  /** What the platform sends back when it is picked, when not the default (survey buttons carry their survey). */
  id: z.string().min(1).max(64).optional(),
});
export type MessageChoice = z.infer<typeof messageChoiceSchema>;
export const messageChoicesSchema = z.array(messageChoiceSchema);

/** Keeps the picks a stored message offers, for platforms that show them as buttons. */
export async function saveMessageChoices(tx: Queryable, messageId: string, choices: readonly MessageChoice[]): Promise<void> {
  if (choices.length === 0) return;
  await tx.query('INSERT INTO message_choices (message_id, choices) VALUES ($1, $2::jsonb) ON CONFLICT (message_id) DO NOTHING', [
    messageId,
    JSON.stringify(choices),
  ]);
}

/** The picks a message offers, in order (none for most messages). */
export async function loadMessageChoices(db: Queryable, messageId: string): Promise<MessageChoice[]> {
  const rows = await db.query<{ choices: unknown }>('SELECT choices FROM message_choices WHERE message_id = $1', [messageId]);
  const raw = rows[0]?.choices;
  if (raw === undefined || raw === null) return [];
  const parsed = messageChoicesSchema.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw);
  return parsed.success ? parsed.data : [];
}
