/** One merge of two clusters (by their representative index) at a similarity. */
export type Merge = { a: number; b: number; similarity: number };

/**
 * Average-linkage agglomerative clustering over a similarity matrix: repeatedly joins the two
 * clusters whose members are most similar on average. Returns the merges in order (n - 1 of them);
 * `cutAt` turns a prefix of them into clusters. O(n²) memory, about O(n²) time in practice.
 */
export function averageLinkage(sim: Float32Array, n: number): Merge[] {
  const s = Float64Array.from(sim);
  const size = new Array<number>(n).fill(1);
  const alive = new Array<boolean>(n).fill(true);
  const best = new Int32Array(n).fill(-1);
  const refresh = (i: number) => {
    let b = -1;
    let v = -Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i || !alive[j]) continue;
      if (s[i * n + j]! > v) {
        v = s[i * n + j]!;
        b = j;
      }
    }
    best[i] = b;
  };
  for (let i = 0; i < n; i++) refresh(i);
  const merges: Merge[] = [];
  for (let step = 0; step < n - 1; step++) {
    let a = -1;
    let top = -Infinity;
    for (let i = 0; i < n; i++) {
      if (alive[i] && best[i]! >= 0 && s[i * n + best[i]!]! > top) {
        top = s[i * n + best[i]!]!;
        a = i;
      }
    }
    if (a < 0) break;
    const b = best[a]!;
    merges.push({ a, b, similarity: top });
    // b joins a: a's average similarity to every other cluster is the size-weighted mean.
    for (let j = 0; j < n; j++) {
      if (!alive[j] || j === a || j === b) continue;
      const v = (s[a * n + j]! * size[a]! + s[b * n + j]! * size[b]!) / (size[a]! + size[b]!);
      s[a * n + j] = v;
      s[j * n + a] = v;
    }
    size[a]! += size[b]!;
    alive[b] = false;
    for (let j = 0; j < n; j++) {
      if (!alive[j]) continue;
      if (j === a || best[j] === a || best[j] === b) refresh(j);
      else if (s[j * n + a]! > s[j * n + best[j]!]!) best[j] = a;
    }
  }
  return merges;
}

/** The clusters left after the first n - k merges, as a cluster number per item (0 to k-1). */
export function cutAt(merges: readonly Merge[], n: number, k: number): number[] {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (const m of merges.slice(0, Math.max(0, n - k))) parent[find(m.b)] = find(m.a);
  const numbers = new Map<number, number>();
  return parent.map((_, i) => {
    const root = find(i);
    if (!numbers.has(root)) numbers.set(root, numbers.size);
    return numbers.get(root)!;
  });
}
