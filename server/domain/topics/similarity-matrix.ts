import { dotSparse, type SparseVector } from './sparse-vector';

/** Cosine similarities of every pair of (unit-length) vectors, row by row. */
export function similarityMatrix(vectors: readonly SparseVector[]): Float32Array {
  const n = vectors.length;
  const sim = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    sim[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const s = dotSparse(vectors[i]!, vectors[j]!);
      sim[i * n + j] = s;
      sim[j * n + i] = s;
    }
  }
  return sim;
}
