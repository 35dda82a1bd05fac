import { clusterMessages } from '../../server/domain/topics/cluster-messages';
import { kmeans } from '../../server/domain/topics/kmeans';
import { plainTerms } from '../../server/domain/topics/message-terms';
import { seededRandom } from '../../shared/seeded-random';
import { tfidf } from '../../server/domain/topics/tfidf';
import { adjustedRandIndex, purity } from './cluster-metrics';
import { readEvalPart, type EvalPart } from './eval-set';

export type Figures = { part: EvalPart; system: string; n: number; topics: number; clusters: number; purity: number; ari: number };

/** The method and the baselines on one part of the set, in the same run. */
export function evaluatePart(part: EvalPart): Figures[] {
  const messages = readEvalPart(part);
  const labels = messages.map((m) => m.topic);
  const texts = messages.map((m) => m.text);
  const topics = new Set(labels).size;
  const figure = (system: string, clusters: number[]): Figures => ({
    part, system, n: messages.length, topics, clusters: new Set(clusters).size,
    purity: round(purity(labels, clusters)), ari: round(adjustedRandIndex(labels, clusters)),
  });
  const method = clusterMessages(texts);
  const plain = tfidf(texts.map(plainTerms), 1);
  const baseline = (k: number) => kmeans(plain.vectors, { k, dims: plain.terms.length, random: seededRandom(17) });
  return [
    figure('method', method.assignment),
    figure('baseline-kmeans-true-k', baseline(topics)),
    figure('baseline-kmeans-method-k', baseline(method.k)),
  ];
}

const round = (x: number) => Math.round(x * 1000) / 1000;
