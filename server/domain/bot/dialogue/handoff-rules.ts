import { asksForHuman } from '../../routing/classify';
import { isUpset, type Sentiment } from '../sentiment/sentiment';

/** After this many answers in a row found nothing, the bot hands over to a person. */
export const MAX_MISSES = 2;

export type HandoffReason = 'request' | 'misses' | 'upset';

/** Whether a message alone sends the customer to a person: they ask for one, or they are clearly upset. */
export function handoffFor(message: string, sentiment: Sentiment): HandoffReason | null {
  if (asksForHuman(message)) return 'request';
  if (isUpset(sentiment)) return 'upset';
  return null;
}
