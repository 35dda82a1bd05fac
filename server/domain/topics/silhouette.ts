/**
 * The mean silhouette of a clustering over a similarity matrix (distance = 1 - cosine): for each
 * item, how much nearer it is to its own cluster than to the next nearest. Items alone in their
 * cluster count 0. Between -1 and 1; higher is a clearer grouping.
 */
export function silhouette(sim: Float32Array, n: number, assignment: readonly number[]): number {
  const k = Math.max(...assignment) + 1;
  const sizes = new Array<number>(k).fill(0);
  for (const c of assignment) sizes[c]!++;
  let total = 0;
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const own = assignment[i]!;
    if (sizes[own]! <= 1) continue;
    sums.fill(0);
    for (let j = 0; j < n; j++) if (j !== i) sums[assignment[j]!]! += 1 - sim[i * n + j]!;
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    if (!Number.isFinite(b)) continue;
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  }
  return total / n;
}
