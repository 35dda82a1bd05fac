import type { SparseVector } from './sparse-vector';

/** One message's terms and how much each counts (before weighting by rarity). */
export type TermBag = Map<string, number>;

export type TfIdf = { vectors: SparseVector[]; terms: string[]; idf: Float64Array };

/**
 * TF-IDF vectors of unit length over the terms found in at least `minDocs` messages (a term seen
 * once groups nothing). Term frequency is dampened (1 + ln), rarity is the smoothed idf.
 */
export function tfidf(bags: readonly TermBag[], minDocs = 2): TfIdf {
  const df = new Map<string, number>();
  for (const bag of bags) for (const term of bag.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const terms = [...df].filter(([, n]) => n >= minDocs).map(([t]) => t).sort();
  const index = new Map(terms.map((t, i) => [t, i]));
  const n = bags.length;
  const idf = new Float64Array(terms.length);
  terms.forEach((t, i) => (idf[i] = Math.log((1 + n) / (1 + df.get(t)!)) + 1));
  const vectors = bags.map((bag) => {
    const entries: [number, number][] = [];
    for (const [term, weight] of bag) {
      const i = index.get(term);
      if (i === undefined || weight <= 0) continue;
      entries.push([i, (1 + Math.log(Math.max(weight, 1))) * Math.min(weight, 1) * idf[i]!]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    const norm = Math.sqrt(entries.reduce((s, [, w]) => s + w * w, 0));
    return {
      idx: Int32Array.from(entries, ([i]) => i),
      val: Float64Array.from(entries, ([, w]) => (norm > 0 ? w / norm : 0)),
    };
  });
  return { vectors, terms, idf };
}
