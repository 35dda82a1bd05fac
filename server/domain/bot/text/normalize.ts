import { sify } from 'chinese-conv';
import { rewriteColloquial } from './colloquial';

/**
 * The one form every text is compared in: full-width letters, digits and punctuation folded to
 * their ASCII forms (NFKC), lower case, traditional Chinese characters as simplified ones, and
 * colloquial Chinese spelled the standard way ("咋" as "怎么"). Spacing is collapsed.
 */
export function normalizeText(text: string): string {
  const folded = sify(text.normalize('NFKC')).toLowerCase();
  return rewriteColloquial(folded).replace(/\s+/g, ' ').trim();
}
