import type { ReplyMaskPolicy } from './domain';
import { matchSensitive, type CompiledSensitiveWords, type SensitiveCheck } from './sensitive-words';
import { findPersonalData, maskPersonalData, type PersonalDataKind } from './text/personal-data';

/**
 * What an agent's reply looks like once masked, and what was masked in it: one decision for the
 * desktop (which tells the agent before sending) and the server (which masks what is stored and
 * delivered, whatever the desktop did). Pure: no I/O.
 *
 * Personal data (card, resident ID and phone numbers, shared/text/personal-data.ts) is masked
 * when the account's setting says so, and also whenever a `mask` sensitive word matched: an agent
 * who writes "银行卡号是 …" expects the number masked, not only the word. In that second case a
 * card-shaped number is masked even without a valid Luhn digit.
 */

export type { ReplyMaskPolicy };

/** Masking personal data is on unless an admin turned it off. */
export const DEFAULT_REPLY_MASK_POLICY: ReplyMaskPolicy = { maskPersonalData: true };

/** One thing a reply will have masked, for telling the agent ("Card number ending 2223 → ****"). */
export type MaskedItem = {
  kind: 'word' | PersonalDataKind;
  /** What the agent wrote. */
  text: string;
  /** What the customer will see instead. */
  masked: string;
  /** The last four digits of a number; empty for a word. */
  ending: string;
  start: number;
  end: number;
};

export type ReplyMasking = {
  check: SensitiveCheck;
  /** The reply as it will be sent: masked words starred, personal data digits starred. */
  masked: string;
  /** Everything masked, in the order it appears. */
  items: MaskedItem[];
};

/** Masks a reply by the account's sensitive words and setting (see the module comment). */
export function maskReply(compiled: CompiledSensitiveWords, text: string, policy: ReplyMaskPolicy): ReplyMasking {
  const check = matchSensitive(compiled, text);
  const wordMasked = check.matches.some((m) => m.action === 'mask');
  if (!policy.maskPersonalData && !wordMasked) {
    return { check, masked: check.masked, items: wordItems(check, check.masked) };
  }
  // A number already starred by a word is not listed twice.
  const numbers = findPersonalData(text, { cardContext: wordMasked }).filter(
    (n) => !check.matches.some((m) => m.action === 'mask' && m.start <= n.start && m.end >= n.end),
  );
  const masked = maskPersonalData(check.masked, numbers);
  const items = [
    ...wordItems(check, masked),
    ...numbers.map((n) => ({ kind: n.kind, text: n.text, masked: masked.slice(n.start, n.end), ending: n.ending, start: n.start, end: n.end })),
  ].sort((a, b) => a.start - b.start || a.end - b.end);
  return { check, masked, items };
}

function wordItems(check: SensitiveCheck, masked: string): MaskedItem[] {
  const seen = new Set<string>();
  const items: MaskedItem[] = [];
  for (const m of check.matches) {
    if (m.action !== 'mask' || seen.has(`${m.start}:${m.end}`)) continue;
    seen.add(`${m.start}:${m.end}`);
    items.push({ kind: 'word', text: m.text, masked: masked.slice(m.start, m.end), ending: '', start: m.start, end: m.end });
  }
  return items;
}
