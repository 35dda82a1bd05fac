/** Han characters (CJK unified ideographs, extension A and compatibility ideographs). */
export const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

export function isHan(char: string): boolean {
  return HAN.test(char);
}

/** A text cut into runs of Han characters and runs of Latin letters and digits; everything else separates. */
export type Run = { kind: 'han' | 'latin'; text: string; start: number };

export function scriptRuns(text: string): Run[] {
  const runs: Run[] = [];
  const pattern = /([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|([a-z0-9]+(?:['’][a-z]+)?)/giu;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    runs.push({ kind: m[1] ? 'han' : 'latin', text: m[0], start: m.index });
  }
  return runs;
}
