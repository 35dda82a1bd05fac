/**
 * Personal data written into free text: payment card numbers, Chinese resident ID numbers and
 * phone numbers, found so an agent's reply can be masked before it reaches a customer. Pure: the
 * desktop (to tell the agent before sending) and the server (which masks what is stored and
 * delivered) run this one module.
 *
 * The rules, written to keep order numbers, timestamps, prices and dates out:
 * - Digits are read in groups: a run of ASCII or full-width digits, joined to the next group by a
 *   single space or dash (`6222 0000 1111 2222`, `138-0013-8000`). A candidate is made of whole
 *   groups only: a number is never cut inside, so a 20-digit order number hides no 16-digit card.
 * - A candidate stands alone: no letter or digit touches it (`SN6222…`, `…2222A` are codes), and
 *   it is not part of a decimal (`3.14159…`, `1,299.00`).
 * - Card (`card`): 13–19 digits passing the Luhn check, starting like an issued card (3, 4, 5, 6,
 *   or 2221–2720 for Mastercard's 2-series; timestamps start with 1, date-shaped order numbers
 *   with 19/20). With separators every group has at least 3 digits (`… 2222 5 张` stays a count).
 *   When the caller knows the text is about a card (`cardContext`: the reply matched a `mask`
 *   sensitive word such as 银行卡号), the shape alone is enough: some domestic debit card numbers
 *   carry no Luhn check digit, and the agent who wrote the keyword expects the number masked.
 * - Resident ID (`resident_id`): 17 digits and a check character (a digit or X), written whole or
 *   as 6-8-4; the area code starts with 1–8, the birth date (characters 7–14) is a real day from
 *   1900 to 2099, and the check character is the ISO 7064 MOD 11-2 one.
 * - Mainland mobile (`mobile`): 1[3-9] and 9 more digits, written whole or as 3-4-4, optionally
 *   after +86 or 0086. No checksum exists, so the shape is all: exactly 11 digits.
 * - International number (`phone`): `+`, a country code starting 1–9, 8–15 digits in all
 *   (E.164). Without the `+` a number is not read as a phone (too many order numbers look alike).
 * Read left to right, the longest candidate from each group wins; for one candidate the order above decides.
 */

export type PersonalDataKind = 'card' | 'resident_id' | 'mobile' | 'phone';

/** One piece of personal data in a text; `start`/`end` are UTF-16 offsets into the original text. */
export type PersonalDataMatch = {
  kind: PersonalDataKind;
  /** The original substring, separators included. */
  text: string;
  start: number;
  end: number;
  /** The last four digits (or check character), for telling the agent which number it was. */
  ending: string;
};

// Full-width digits, plus, hyphen and the ideographic space are one UTF-16 unit each, so folding
// them keeps every offset.
function foldUnit(unit: string): string {
  const code = unit.charCodeAt(0);
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 0x30);
  if (code === 0xff0b) return '+';
  if (code === 0xff0d || code === 0x2010 || code === 0x2011 || code === 0x2012 || code === 0x2013) return '-';
  if (code === 0x3000 || code === 0x00a0) return ' ';
  if (code === 0xff38 || code === 0xff58) return 'X';
  return unit;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlnum = (c: string | undefined) => c !== undefined && /^[0-9A-Za-z]$/.test(c);

type Group = { start: number; end: number; digits: string; checkX: boolean };
type Run = { plus: boolean; plusAt: number; groups: Group[] };

/** Splits folded text into runs of digit groups joined by single spaces or dashes. */
function digitRuns(folded: string): Run[] {
  const runs: Run[] = [];
  let i = 0;
  while (i < folded.length) {
    if (!isDigit(folded[i])) {
      i++;
      continue;
    }
    const plus = folded[i - 1] === '+';
    const runStart = plus ? i - 1 : i;
    // Touching a letter or a digit-led decimal: a code or an amount, not a number on its own.
    const before = folded[runStart - 1];
    const decimalBefore = (before === '.' || before === ',') && isDigit(folded[runStart - 2]);
    const groups: Group[] = [];
    let at = i;
    for (;;) {
      let end = at;
      while (isDigit(folded[end])) end++;
      let checkX = false;
      if ((folded[end] === 'X' || folded[end] === 'x') && !isAlnum(folded[end + 1])) {
        checkX = true;
        end++;
      }
      groups.push({ start: at, end, digits: folded.slice(at, end), checkX });
      const sep = folded[end];
      if (!checkX && (sep === ' ' || sep === '-') && isDigit(folded[end + 1])) {
        at = end + 1;
        continue;
      }
      i = end;
      break;
    }
    const after = folded[i];
    const decimalAfter = (after === '.' || after === ',') && isDigit(folded[i + 1]);
    // A group glued to something else is dropped; the rest of the run may still stand alone.
    if (isAlnum(before) || decimalBefore) groups.shift();
    if (isAlnum(after) || decimalAfter) groups.pop();
    if (groups.length > 0) runs.push({ plus: plus && groups[0]!.start === runStart + 1, plusAt: runStart, groups });
  }
  return runs;
}

/** The Luhn check of a string of digits. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let k = 0; k < digits.length; k++) {
    let d = digits.charCodeAt(digits.length - 1 - k) - 48;
    if (k % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Whether 18 characters (17 digits and a digit or X) form a plausible Chinese resident ID. */
export function isResidentId(id: string): boolean {
  if (!/^[1-8]\d{16}[\dX]$/i.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += (id.charCodeAt(k) - 48) * ID_WEIGHTS[k]!;
  return ID_CHECK[sum % 11] === id[17]!.toUpperCase();
}

function cardIssuer(digits: string): boolean {
  const first = digits[0];
  if (first === '3' || first === '4' || first === '5' || first === '6') return true;
  const four = Number(digits.slice(0, 4));
  return four >= 2221 && four <= 2720;
}

const sizes = (groups: readonly Group[]) => groups.map((g) => g.end - g.start).join('-');

/** What whole groups [from, to] of a run are, or null when nothing personal. */
function classify(run: Run, from: number, to: number, cardContext: boolean): PersonalDataKind | null {
  const groups = run.groups.slice(from, to + 1);
  const withPlus = run.plus && from === 0;
  // Only the last group may end in an X, and only a resident ID may have one.
  const digits = groups.map((g) => g.digits).join('');
  if (!withPlus && digits.length === 18 && (groups.length === 1 || sizes(groups) === '6-8-4') && isResidentId(digits)) {
    return 'resident_id';
  }
  if (groups[groups.length - 1]!.checkX) return null;
  if (
    !withPlus &&
    digits.length >= 13 &&
    digits.length <= 19 &&
    (groups.length === 1 || groups.every((g) => g.end - g.start >= 3)) &&
    cardIssuer(digits) &&
    (cardContext || passesLuhn(digits))
  ) {
    return 'card';
  }
  // A mainland mobile, bare or after +86 / 0086 (the country code its own group, or glued on after +).
  if (withPlus && groups.length === 1 && /^861[3-9]\d{9}$/.test(digits)) return 'mobile';
  const national = withPlus ? (groups[0]!.digits === '86' ? groups.slice(1) : []) : groups[0]!.digits === '0086' ? groups.slice(1) : groups;
  const nationalShape = sizes(national);
  if ((nationalShape === '11' || nationalShape === '3-4-4') && /^1[3-9]\d{9}$/.test(national.map((g) => g.digits).join(''))) {
    return 'mobile';
  }
  if (withPlus && digits[0] !== '0' && digits.length >= 8 && digits.length <= 15) return 'phone';
  return null;
}

export type PersonalDataOptions = {
  /** The text is known to be about a card: card-shaped numbers need no Luhn check (see the module comment). */
  cardContext?: boolean;
};

/** Every card number, resident ID and phone number in `text` (see the module comment), by position. */
export function findPersonalData(text: string, options: PersonalDataOptions = {}): PersonalDataMatch[] {
  const cardContext = options.cardContext === true;
  const folded = Array.from({ length: text.length }, (_, k) => foldUnit(text[k]!)).join('');
  const found: PersonalDataMatch[] = [];
  for (const run of digitRuns(folded)) {
    let from = 0;
    while (from < run.groups.length) {
      let best: { to: number; kind: PersonalDataKind } | null = null;
      for (let to = from; to < run.groups.length && to < from + 8; to++) {
        const kind = classify(run, from, to, cardContext);
        if (kind) best = { to, kind };
      }
      if (!best) {
        from++;
        continue;
      }
      const start = run.plus && from === 0 ? run.plusAt : run.groups[from]!.start;
      const end = run.groups[best.to]!.end;
      const chars = run.groups.slice(from, best.to + 1).map((g) => g.digits).join('');
      found.push({ kind: best.kind, text: text.slice(start, end), start, end, ending: chars.slice(-4).toUpperCase() });
      from = best.to + 1;
    }
  }
  return found;
}

/** `text` with the digits (and ID check character) of each match replaced by `*`; separators stay, so the length does. */
export function maskPersonalData(text: string, matches: readonly Pick<PersonalDataMatch, 'start' | 'end'>[]): string {
  if (matches.length === 0) return text;
  const units = text.split('');
  for (const { start, end } of matches) {
    for (let k = start; k < end; k++) {
      const c = foldUnit(units[k]!);
      if (isDigit(c) || c === 'X' || c === 'x') units[k] = '*';
    }
  }
  return units.join('');
}
