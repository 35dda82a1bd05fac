import { evaluatePart } from './evaluate';

/** Prints one JSON line per figure: purity and adjusted Rand index of the method and the baselines, per part. */
for (const part of ['calibration', 'held-out'] as const) {
  for (const f of evaluatePart(part)) console.log(JSON.stringify(f));
}
