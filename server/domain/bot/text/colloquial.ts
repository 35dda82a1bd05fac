/**
 * Spoken and internet Chinese written the standard way, so "咋退啊" finds what "怎么退" finds.
 * Longer forms first: each entry is applied once, in order.
 */
const REWRITES: readonly (readonly [RegExp, string])[] = [
  [/咋整|咋办|咋弄|咋搞/g, '怎么办'],
  [/肿么|咋个|咋/g, '怎么'],
  [/神马|啥子|啥/g, '什么'],
  [/木有|冇|没得/g, '没有'],
  [/俺|偶(?=的|想|要)/g, '我'],
  [/能不能|可不可以|可以不可以/g, '可以'],
  [/是不是/g, '是'],
  [/多长时间|多少天|几天/g, '多久'],
  [/码数/g, '尺码'],
  [/钱钱/g, '钱'],
  // A trailing 不 or 没 asks a yes/no question ("能退不", "到了没").
  [/([^不没])(不|没)([?？!！。\s]|$)/g, '$1吗$3'],
];

/** Every colloquial form the rewrites recognise, for auditing the list. */
export const COLLOQUIAL_FORMS: readonly string[] = REWRITES.slice(0, -1).flatMap(([pattern]) =>
  pattern.source.split('|').map((s) => s.replace(/\(\?=.*\)$/, '')),
);

export function rewriteColloquial(text: string): string {
  let out = text;
  for (const [pattern, replacement] of REWRITES) out = out.replace(pattern, replacement);
  return out;
}
