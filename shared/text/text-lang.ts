import type { Lang } from '../domain';

const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]/;

/**
 * The language a short text is written in, as far as quick replies and articles need: Chinese when
 * it holds any Han character, English when it holds Latin letters and none, null when it holds
 * neither (an emoji, a number, nothing).
 */
export function textLang(text: string): Lang | null {
  if (HAN.test(text)) return 'zh';
  if (LATIN.test(text)) return 'en';
  return null;
}
