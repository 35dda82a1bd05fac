import { centroidOf, dotDense, type SparseVector } from './sparse-vector';
import { runSteps } from './steps';

export type KMeansOptions = { k: number; dims: number; random: () => number; iterations?: number; initial?: Float64Array[] };

/**
 * Spherical k-means (cosine similarity to unit-length centroids), seeded with k-means++ unless
 * `initial` centroids are given. Returns each vector's cluster, numbered from 0 without gaps.
 */
export function kmeans(vectors: readonly SparseVector[], options: KMeansOptions): number[] {
  return runSteps(kmeansSteps(vectors, options));
}

/** kmeans, pausing (yield) after each round so a caller can let other work run in between. */
export function* kmeansSteps(vectors: readonly SparseVector[], options: KMeansOptions): Generator<void, number[], void> {
  const { dims, random } = options;
  const k = Math.min(options.k, vectors.length);
  if (k <= 1) return vectors.map(() => 0);
  let centroids = options.initial ?? seedPlusPlus(vectors, k, dims, random);
  let assignment = new Array<number>(vectors.length).fill(-1);
  for (let round = 0; round < (options.iterations ?? 30); round++) {
    let moved = 0;
    const next = vectors.map((v, i) => {
      const best = nearest(v, centroids);
      if (best !== assignment[i]) moved++;
      return best;
    });
    assignment = next;
    if (moved === 0) break;
    const members = centroids.map(() => [] as number[]);
    assignment.forEach((c, i) => members[c]!.push(i));
    // An emptied cluster keeps its centroid: it may win members back next round.
    centroids = centroids.map((old, c) => (members[c]!.length > 0 ? centroidOf(vectors, members[c]!, dims) : old));
    yield;
  }
  return renumber(assignment);
}

/** The index of the centroid most similar to a vector. */
export function nearest(v: SparseVector, centroids: readonly Float64Array[]): number {
  let best = 0;
  let bestSim = -Infinity;
  centroids.forEach((c, i) => {
    const s = dotDense(v, c);
    if (s > bestSim) {
      bestSim = s;
      best = i;
    }
  });
  return best;
}

/** Cluster numbers in order of first appearance, 0 to n-1. */
export function renumber(assignment: readonly number[]): number[] {
  const map = new Map<number, number>();
  return assignment.map((c) => {
    if (!map.has(c)) map.set(c, map.size);
    return map.get(c)!;
  });
}

function seedPlusPlus(vectors: readonly SparseVector[], k: number, dims: number, random: () => number): Float64Array[] {
  const centroids = [centroidOf(vectors, [Math.floor(random() * vectors.length)], dims)];
  const distance = vectors.map((v) => 1 - dotDense(v, centroids[0]!));
  while (centroids.length < k) {
    const total = distance.reduce((s, d) => s + Math.max(d, 0) ** 2, 0);
    let pick = 0;
    if (total > 0) {
      let r = random() * total;
      for (pick = 0; pick < distance.length - 1; pick++) {
        r -= Math.max(distance[pick]!, 0) ** 2;
        if (r <= 0) break;
      }
    } else pick = Math.floor(random() * vectors.length);
    const c = centroidOf(vectors, [pick], dims);
    centroids.push(c);
    vectors.forEach((v, i) => (distance[i] = Math.min(distance[i]!, 1 - dotDense(v, c))));
  }
  return centroids;
}
