import { botForm } from '../text/bot-form';

const ORDINALS: readonly (readonly string[])[] = [
  ['1', '一', '第一', '第一个', '第1个', 'a', 'first', 'the first', 'first one', 'the first one', '前者', '前面那个', '上面那个', '①'],
  ['2', '二', '第二', '第二个', '第2个', 'b', 'second', 'the second', 'second one', 'the second one', '后者', '后面那个', '下面那个', '②'],
  ['3', '三', '第三', '第三个', '第3个', 'c', 'third', 'the third', 'third one', 'the third one', '最后一个', '③'],
];
/** A yes to a single suggestion. */
const YES = ['是', '是的', '对', '对的', '嗯', '好', 'yes', 'yeah', 'yep', 'y', 'right', 'that one'];
const NONE = ['都不是', '都不对', '不是', '没有', '都没有', 'neither', 'none', 'none of them', 'neither of them', 'no', 'nope'];
const FILLER = /^(?:是|选|我选|我要|要|i mean|i meant|option|number|no\.|#)\s*|\s*(?:个|吧|呢|啊|的|那个|号|please|pls)$/gu;

/** A customer's reply to "您是想问 A 还是 B？": the index of the option they picked, 'none', or null (a new question). */
export type Choice = number | 'none' | null;

/**
 * Reads the customer's choice among `titles` from their reply: a number or ordinal ("1", "第二个",
 * "the first one"), "neither", or the title (or most of it) of one option.
 */
export function parseChoice(reply: string, titles: readonly string[]): Choice {
  // A button's reply is the title itself: matched whole first, before any trimming could make
  // "运费怎么算的" read as part of "运费怎么算".
  const whole = titles.findIndex((t) => botForm(t).trim() === botForm(reply).trim());
  if (whole !== -1) return whole;
  let text = withoutTrailing(botForm(reply));
  for (let i = 0; i < 2; i++) text = text.replace(FILLER, '').trim();
  if (!text) return null;
  for (let i = 0; i < Math.min(titles.length, ORDINALS.length); i++) {
    if (ORDINALS[i]!.includes(text)) return i;
  }
  if (NONE.includes(text)) return 'none';
  if (titles.length === 1 && YES.includes(text)) return 0;
  // The title itself, or a reply that holds one title (and not another), names the option.
  const normalizedTitles = titles.map((t) => withoutTrailing(botForm(t)));
  const exact = normalizedTitles.findIndex((t) => t === text);
  if (exact !== -1) return exact;
  const containing = normalizedTitles.map((t, i) => (text.length >= 2 && (t.includes(text) || text.includes(t)) ? i : -1)).filter((i) => i !== -1);
  return containing.length === 1 ? containing[0]! : null;
}

/** Without the punctuation and spacing a reply or a title may end with ("如何退款？"). */
function withoutTrailing(text: string): string {
  return text.replace(/[\s。.!！?？~～,，、…]+$/u, '').trim();
}
