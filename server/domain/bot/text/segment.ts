import { createRequire } from 'node:module';

type Segmenter = { cutForSearch(text: string, hmm?: boolean | null): string[] };

let segmenter: Segmenter | null = null;

/**
 * The words of a run of Chinese, as jieba's search mode cuts them (a long word and the shorter
 * words inside it: "优惠券" gives "优惠" and "优惠券"). The dictionary (about 1.4 s to load) is
 * loaded once per process, at the first call. Without `hmm`, words outside the dictionary are not
 * guessed (they come as single characters).
 */
export function segmentHan(run: string, hmm = true): string[] {
  segmenter ??= loadSegmenter();
  return segmenter.cutForSearch(run, hmm);
}

function loadSegmenter(): Segmenter {
  // Loaded on first use, not at import: a process that never reads Chinese never pays for it.
  const require = createRequire(import.meta.url);
  const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(dict: Uint8Array): Segmenter } };
  const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
  return Jieba.withDict(dict);
}
