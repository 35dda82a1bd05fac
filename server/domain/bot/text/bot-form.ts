import { comparisonForm } from '../../../../shared/text/comparison-form';
import { rewriteColloquial } from './colloquial';

/**
 * The form the bot reads every text in: the shared comparison form (width, case, traditional
 * characters as simplified, spacing collapsed), with colloquial Chinese then spelled the standard
 * way ("咋" as "怎么") so a customer's phrasing meets the knowledge base's.
 */
export function botForm(text: string): string {
  return rewriteColloquial(comparisonForm(text));
}
