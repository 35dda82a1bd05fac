/** A unit-length sparse vector: term indexes in increasing order and their weights. */
export type SparseVector = { idx: Int32Array; val: Float64Array };

/** The dot product of a sparse vector with a dense one (a centroid). */
export function dotDense(v: SparseVector, dense: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.idx.length; i++) s += v.val[i]! * dense[v.idx[i]!]!;
  return s;
}

/** The dot product of two sparse vectors (cosine similarity when both are unit length). */
export function dotSparse(a: SparseVector, b: SparseVector): number {
  let s = 0;
  let i = 0;
  let j = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const x = a.idx[i]!;
    const y = b.idx[j]!;
    if (x === y) s += a.val[i++]! * b.val[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/** The unit-length mean of some vectors (the spherical centroid); all zeros when they are. */
export function centroidOf(vectors: readonly SparseVector[], members: readonly number[], dims: number): Float64Array {
  const c = new Float64Array(dims);
  for (const m of members) {
    const v = vectors[m]!;
    for (let i = 0; i < v.idx.length; i++) c[v.idx[i]!]! += v.val[i]!;
  }
  normalizeDense(c);
  return c;
}

export function normalizeDense(c: Float64Array): void {
  let n = 0;
  for (let i = 0; i < c.length; i++) n += c[i]! * c[i]!;
  n = Math.sqrt(n);
  if (n > 0) for (let i = 0; i < c.length; i++) c[i]! /= n;
}
