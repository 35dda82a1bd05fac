/** Cuts a button title to a platform's limit (in characters, as the platforms count them), marking the cut. */
export function fitTitle(title: string, max: number): string {
  const chars = [...title.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** Cuts a string to at most `maxBytes` of UTF-8 without splitting a character. */
export function fitBytes(text: string, maxBytes: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch, 'utf8') > maxBytes) break;
    out += ch;
  }
  return out;
}

/** Whether a text is mostly written in Chinese (the list button's label follows the message's language). */
export function looksChinese(text: string): boolean {
  return /[\u3400-\u9fff]/u.test(text);
}
