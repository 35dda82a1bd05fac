import { averageLinkage, cutAt } from './agglomerative';
import { kmeans, kmeansSteps } from './kmeans';
import { runSteps } from './steps';
import { messageTerms, readMessage, shorthandOf, type MessageReading } from './message-terms';
import { seededRandom } from '../../../shared/seeded-random';
import { silhouette } from './silhouette';
import { similarityMatrix } from './similarity-matrix';
import { centroidOf, type SparseVector } from './sparse-vector';
import { tfidf, type TermBag } from './tfidf';

export type ClusterOptions = {
  seed?: number;
  /** The most messages the grouping itself is worked out on; the rest join the nearest topic. */
  sampleLimit?: number;
  /** The range the number of topics is chosen in (by silhouette). */
  minTopics?: number;
  maxTopics?: number;
};

export type Clustering = {
  /** Each message's topic, 0 to k-1; topics are numbered largest first. */
  assignment: number[];
  k: number;
  bags: TermBag[];
  vectors: SparseVector[];
  terms: string[];
  /** The silhouette of the chosen grouping on the sample. */
  silhouette: number;
};

const DEFAULT_SAMPLE = 1500;
const DEFAULT_MAX_TOPICS = 40;
/** A cut's cluster smaller than this share of the sample (and than three messages) is not a topic: its messages join the nearest one. */
const MIN_SHARE = 0.015;

/**
 * Groups messages by meaning: the bot's analyser reads each one (words, character pairs, shop
 * concepts in both languages, pinyin shorthand), TF-IDF weighs the terms, average-linkage
 * clustering proposes groupings, spherical k-means refines each, and the number of topics is the
 * one with the best silhouette. Deterministic for a seed.
 */
export function clusterMessages(texts: readonly string[], options: ClusterOptions = {}): Clustering {
  return clusterReadings(texts.map(readMessage), options);
}

/** clusterMessages over messages the analyser has already read (a caller can read them in slices, between other work). */
export function clusterReadings(readings: readonly MessageReading[], options: ClusterOptions = {}): Clustering {
  return runSteps(clusterSteps(readings, options));
}

/** Messages read between two pauses of the stepped clustering. */
const STEP_MESSAGES = 1000;

/**
 * clusterReadings, pausing (yield) between its stages, between the groupings it tries and between
 * rounds of k-means, so a server can answer requests in between (see runStepsLettingGo).
 */
export function* clusterSteps(readings: readonly MessageReading[], options: ClusterOptions = {}): Generator<void, Clustering, void> {
  const shorthand = shorthandOf(readings);
  const bags: TermBag[] = [];
  for (const r of readings) {
    bags.push(messageTerms(r, shorthand));
    if (bags.length % STEP_MESSAGES === 0) yield;
  }
  const { vectors, terms } = tfidf(bags);
  yield;
  const base = { bags, vectors, terms };
  if (vectors.length < 4) return { ...base, assignment: vectors.map(() => 0), k: vectors.length > 0 ? 1 : 0, silhouette: 0 };
  const random = seededRandom(options.seed ?? 17);
  const sample = sampleOf(vectors.length, options.sampleLimit ?? DEFAULT_SAMPLE, random);
  const sampled = sample.map((i) => vectors[i]!);
  const n = sampled.length;
  const sim = similarityMatrix(sampled);
  yield;
  const merges = averageLinkage(sim, n);
  yield;
  const minSize = Math.max(3, Math.ceil(n * MIN_SHARE));
  const low = Math.max(2, options.minTopics ?? 2);
  const high = Math.min(options.maxTopics ?? DEFAULT_MAX_TOPICS, Math.floor(n / 3));
  let best: { centroids: Float64Array[]; score: number } | null = null;
  const tried = new Set<number>();
  // Average linkage leaves many small clusters beside the large ones: a grouping of k topics is the
  // first cut that has k clusters of at least `minSize` messages.
  for (let cut = low; cut <= n && tried.size <= high - low; cut++) {
    const groups = membersOf(cutAt(merges, n, cut)).filter((m) => m.length >= minSize);
    if (groups.length < low || tried.has(groups.length)) continue;
    if (groups.length > high) break;
    tried.add(groups.length);
    const initial = groups.map((m) => centroidOf(sampled, m, terms.length));
    const refined = kmeans(sampled, { k: initial.length, dims: terms.length, random, initial, iterations: 10 });
    const score = silhouette(sim, n, refined);
    if (!best || score > best.score) best = { centroids: membersOf(refined).map((m) => centroidOf(sampled, m, terms.length)), score };
    yield;
  }
  if (!best) return { ...base, assignment: vectors.map(() => 0), k: 1, silhouette: 0 };
  const all = yield* kmeansSteps(vectors, { k: best.centroids.length, dims: terms.length, random, initial: best.centroids, iterations: 10 });
  const assignment = largestFirst(all);
  return { ...base, assignment, k: Math.max(...assignment) + 1, silhouette: best.score };
}

/** Up to `limit` distinct indexes below n, in increasing order (all of them when n ≤ limit). */
function sampleOf(n: number, limit: number, random: () => number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= limit) return all;
  for (let i = 0; i < limit; i++) {
    const j = i + Math.floor(random() * (n - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, limit).sort((a, b) => a - b);
}

export function membersOf(assignment: readonly number[]): number[][] {
  const groups: number[][] = [];
  assignment.forEach((c, i) => (groups[c] ??= []).push(i));
  return groups.filter(Boolean);
}

/** Renumbers clusters so that 0 is the largest (ties: first seen). */
function largestFirst(assignment: readonly number[]): number[] {
  const groups = membersOf(assignment).map((m, c) => ({ c, size: m.length, first: m[0]! }));
  groups.sort((a, b) => b.size - a.size || a.first - b.first);
  const order = new Map(groups.map((g, i) => [g.c, i]));
  return assignment.map((c) => order.get(c)!);
}

