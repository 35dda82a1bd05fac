import { stemmer } from 'stemmer';

/** An English word's stem (Porter), so "shipping", "shipped" and "ships" meet. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  return stemmer(word.replace(/['’]s$/, ''));
}
