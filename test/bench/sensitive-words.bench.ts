import { compileSensitiveWords, matchSensitive, type SensitiveEntry } from '../../shared/sensitive-words';
import { emit, now } from './report';

const BENCH = 'sensitive.match';
/** Rounds for the worst case (some hundreds of ms each) and for the plain word (microseconds). */
const ROUNDS = 5;
const PLAIN_ROUNDS = 200;
/** Patterns the checker allows, with the most backtracking it lets through. */
const ENTRIES: SensitiveEntry[] = [
  { id: 'r1', pattern: 'a.*b', kind: 'regex', action: 'alert' },
  { id: 'r2', pattern: '(?:a|b)c+d', kind: 'regex', action: 'alert' },
  { id: 'r3', pattern: 'a{1,128}a{1,127}x', kind: 'regex', action: 'alert' },
  { id: 'w1', pattern: '微信', kind: 'word', action: 'alert' },
];

/**
 * The sensitive-word check on the longest message (4,096 characters of one letter, the worst case
 * for the allowed patterns), per message; against the same text searched for one plain word in
 * the same run. The checker refuses patterns that could take longer (see the unit tests).
 */
export async function sensitiveWordsBench(): Promise<void> {
  const compiled = compileSensitiveWords(ENTRIES);
  if (compiled.refused.length > 0) throw new Error(`patterns refused: ${JSON.stringify(compiled.refused)}`);
  const text = 'a'.repeat(4096);
  const plain = compileSensitiveWords([ENTRIES[3]!]);
  const time = (c: typeof compiled, rounds: number) => {
    const t = now();
    for (let i = 0; i < rounds; i++) if (matchSensitive(c, text).matches.length > 0) throw new Error('unexpected match');
    return (now() - t) / rounds;
  };
  time(compiled, 1);
  const worst = time(compiled, ROUNDS);
  const baseline = time(plain, PLAIN_ROUNDS);
  emit({
    bench: BENCH,
    figure: 'worst_case_ms_per_message',
    value: worst,
    unit: 'ms',
    baseline: { name: 'one plain word', value: baseline },
    // The budget in shared/text/safe-regex.ts lets one admin pattern take some hundreds of ms here.
    target: 'under 1,000 ms per message (safe-regex budget)',
    length: text.length,
  });
}
