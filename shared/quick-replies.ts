import { AppError } from './errors';

/**
 * Quick-reply variables, shared by the composer (fills a reply as it is inserted) and the client
 * core (refuses to send one still holding a placeholder). Pure: no I/O.
 *
 * A template body names variables as `{{contact.name}}` (spaces inside the braces, `vip_level` or
 * `vipLevel`, any letter case: all the same). Filling replaces each with its value; a variable
 * without a value becomes a placeholder `⟦contact.name⟧` that the agent must fill by hand, so raw
 * braces never reach a customer.
 */

export const PLACEHOLDER_OPEN = '⟦';
export const PLACEHOLDER_CLOSE = '⟧';

/** The variables the workstation knows how to fill (others stay placeholders). */
export const TEMPLATE_VARIABLES = [
  'contact.name',
  'contact.vip_level',
  'contact.email',
  'contact.phone',
  'contact.tags',
  'agent.name',
  'order.latest.id',
  'order.latest.status',
] as const;

/**
 * Values by variable name; null, undefined or blank: no value (a placeholder to fill by hand);
 * `false`: known to have none worth writing (a made-up customer name), so the variable is left out
 * and the words around it close up ("您好，{{contact.name}}！" reads "您好！").
 */
export type TemplateValues = Readonly<Record<string, string | false | null | undefined>>;

/** One piece of text still to be filled in by hand. */
export type Placeholder = { name: string; start: number; end: number };

const VARIABLE = /\{\{\s*([\p{L}\p{N}_.-]{1,60})\s*\}\}/gu;
const UNFILLED = /⟦([^⟦⟧\n]{1,60})⟧|\{\{\s*([^{}\n]{1,60}?)\s*\}\}/gu;

/** How two spellings of one variable name compare: `contact.vip_level` = `Contact.VipLevel`. */
export function variableKey(name: string): string {
  return name.trim().toLowerCase().replace(/[_-]/g, '');
}

/**
 * The body with every variable replaced by its value, left out when its value is `false`, or
 * replaced by a placeholder when it has none.
 */
export function fillTemplate(body: string, values: TemplateValues): string {
  const byKey = new Map<string, string | false>();
  for (const [name, value] of Object.entries(values)) {
    if (value === false) byKey.set(variableKey(name), false);
    else if (typeof value === 'string' && value.trim() !== '') byKey.set(variableKey(name), value.trim());
  }
  let out = '';
  let at = 0;
  for (const match of body.matchAll(VARIABLE)) {
    out += body.slice(at, match.index);
    at = match.index + match[0].length;
    const value = byKey.get(variableKey(match[1]!));
    if (value === undefined) out += `${PLACEHOLDER_OPEN}${match[1]}${PLACEHOLDER_CLOSE}`;
    else if (value !== false) out += value;
    else {
      const joined = closeUp(out, body.slice(at));
      out = joined.before;
      at += joined.skip;
    }
  }
  return out + body.slice(at);
}

/**
 * A text for a customer (the bot's replies): the variables known and not blank are filled, every
 * other one is left out with the words around it closed up, so a customer never sees braces, a
 * placeholder or a made-up name.
 */
export function fillForCustomer(text: string, known: Readonly<Record<string, string | null | undefined>>): string {
  const byKey = new Map(Object.entries(known).map(([name, value]) => [variableKey(name), value]));
  const values: Record<string, string | false> = {};
  for (const name of variablesIn(text)) {
    const value = byKey.get(variableKey(name));
    values[name] = typeof value === 'string' && value.trim() !== '' ? value : false;
  }
  return fillTemplate(text, values).trim();
}

const AFTER_PHRASE = /^[!！?？.。,，;；:：)）\n]/;

/**
 * Where a variable was left out, the text on both sides closes up: no space before punctuation,
 * no comma before a full stop or exclamation ("您好，！" → "您好！"), nothing dangling at the start
 * of a line, one space between words. Answers the text before and how much of the rest to skip.
 */
function closeUp(before: string, after: string): { before: string; skip: number } {
  const spaces = /^[ \t]*/.exec(after)![0].length;
  const next = after.slice(spaces);
  if (before === '' || before.endsWith('\n')) return { before, skip: /^[ \t,，、:：;；]*/.exec(after)![0].length };
  if (next === '' || AFTER_PHRASE.test(next)) {
    let trimmed = before.replace(/[ \t]+$/, '');
    if (/[,，、]$/.test(trimmed) && /^[!！?？.。,，;；:：]/.test(next)) trimmed = trimmed.slice(0, -1);
    return { before: trimmed, skip: spaces };
  }
  return { before, skip: /[ \t]$/.test(before) ? spaces : 0 };
}

/** The names of the variables a body uses, each once, in order. */
export function variablesIn(body: string): string[] {
  const names: string[] = [];
  for (const match of body.matchAll(VARIABLE)) if (!names.includes(match[1]!)) names.push(match[1]!);
  return names;
}

/** Every placeholder (`⟦…⟧`) and raw variable (`{{…}}`) left in a text, in order: none may be sent. */
export function unfilledPlaceholders(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  for (const match of text.matchAll(UNFILLED)) {
    const name = (match[1] ?? match[2] ?? '').trim();
    found.push({ name, start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/** Why a reply may not be sent as it is (it still holds placeholders), or null when it may. */
export function unfilledReplyError(text: string): AppError | null {
  const left = unfilledPlaceholders(text);
  if (left.length === 0) return null;
  const names = [...new Set(left.map((p) => p.name))].join(', ');
  return new AppError('bad_request', `Fill in ${names} before sending this reply.`, { placeholders: names });
}
