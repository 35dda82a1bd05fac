import { comparisonForm } from '../../../../shared/text/comparison-form';
import { segmentHan } from '../text/segment';

/** Longest question kept as a suggestion (an article's alternative question has the same limit). */
export const MAX_QUESTION_CHARS = 200;

/**
 * The form two customer questions are compared in to count them as one: folded (width, case,
 * traditional→simplified), without punctuation, symbols or spacing. "退款 多久到账？" and
 * "退款多久到账" are one wording.
 */
export function questionKey(text: string): string {
  return comparisonForm(text).replace(/[\p{P}\p{S}\s]+/gu, '');
}

/** A customer's message as a question to keep: trimmed, spacing collapsed, cut to the limit; '' when nothing is left. */
export function questionText(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return [...clean].slice(0, MAX_QUESTION_CHARS).join('').trim();
}

/** Chinese words that say nothing about the topic ("我", "的", "吗") and short English ones. */
const STOP = new Set([
  '我', '你', '您', '的', '了', '吗', '呢', '吧', '啊', '呀', '是', '在', '有', '和', '就', '都', '也', '还', '要', '想', '请问', '请', '一下',
  '怎么', '怎么办', '什么', '如何', '为什么', '可以', '能', '能不能', '可不可以', '这个', '那个', '一个', '你们', '我们', '我的', '没有', '不',
  'the', 'a', 'an', 'is', 'are', 'do', 'does', 'did', 'i', 'you', 'my', 'your', 'to', 'of', 'in', 'on', 'for', 'and', 'or', 'it', 'can', 'how',
  'what', 'when', 'why', 'where', 'me', 'we', 'be', 'with', 'at', 'this', 'that', 'please', 'hi', 'hello',
]);

/**
 * The words of a question that say what it is about: Chinese segmented with jieba (search mode,
 * single characters only when nothing longer is there), Latin words as written (lower case),
 * without punctuation and common function words.
 */
export function topicWords(text: string): Set<string> {
  const folded = comparisonForm(text);
  const words = new Set<string>();
  for (const piece of folded.split(/[^\p{L}\p{N}]+/u)) {
    if (!piece) continue;
    if (!/[\u3400-\u9fff]/u.test(piece)) {
      if (!STOP.has(piece)) words.add(piece);
      continue;
    }
    // Search mode also gives the words inside a compound (开发票 → 开发, 发票, 开发票).
    const parts = segmentHan(piece, false).filter((w) => !STOP.has(w));
    const long = parts.filter((w) => [...w].length > 1);
    // Single characters (开, 到) carry little when longer words are there.
    for (const word of long.length > 0 ? long : parts) words.add(word);
  }
  return words;
}
