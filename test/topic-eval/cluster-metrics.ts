/**
 * Purity: the share of items that belong to the most common true label of their cluster. 1 when
 * every cluster holds one label (also when every item is alone, so read it with the number of
 * clusters or with the adjusted Rand index).
 */
export function purity(labels: readonly string[], clusters: readonly number[]): number {
  if (labels.length === 0) return 1;
  const byCluster = new Map<number, Map<string, number>>();
  labels.forEach((label, i) => {
    const counts = byCluster.get(clusters[i]!) ?? new Map<string, number>();
    counts.set(label, (counts.get(label) ?? 0) + 1);
    byCluster.set(clusters[i]!, counts);
  });
  let right = 0;
  for (const counts of byCluster.values()) right += Math.max(...counts.values());
  return right / labels.length;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/**
 * The adjusted Rand index (Hubert and Arabie): agreement on which pairs of items go together,
 * corrected for chance. 1 for the same grouping, about 0 for a random one.
 */
export function adjustedRandIndex(labels: readonly string[], clusters: readonly number[]): number {
  const n = labels.length;
  const cells = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<string, number>();
  labels.forEach((label, i) => {
    const c = clusters[i]!;
    cells.set(`${c}\u0000${label}`, (cells.get(`${c}\u0000${label}`) ?? 0) + 1);
    rows.set(c, (rows.get(c) ?? 0) + 1);
    cols.set(label, (cols.get(label) ?? 0) + 1);
  });
  const index = [...cells.values()].reduce((s, x) => s + pairs(x), 0);
  const rowPairs = [...rows.values()].reduce((s, x) => s + pairs(x), 0);
  const colPairs = [...cols.values()].reduce((s, x) => s + pairs(x), 0);
  const expected = (rowPairs * colPairs) / pairs(n);
  const max = (rowPairs + colPairs) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
