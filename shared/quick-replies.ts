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

/** Values by variable name; null, undefined or blank: no value. */
export type TemplateValues = Readonly<Record<string, string | null | undefined>>;

/** One piece of text still to be filled in by hand. */
export type Placeholder = { name: string; start: number; end: number };

const VARIABLE = /\{\{\s*([\p{L}\p{N}_.-]{1,60})\s*\}\}/gu;
const UNFILLED = /⟦([^⟦⟧\n]{1,60})⟧|\{\{\s*([^{}\n]{1,60}?)\s*\}\}/gu;

/** How two spellings of one variable name compare: `contact.vip_level` = `Contact.VipLevel`. */
export function variableKey(name: string): string {
  return name.trim().toLowerCase().replace(/[_-]/g, '');
}

/** The body with every variable replaced by its value, or by a placeholder when it has none. */
export function fillTemplate(body: string, values: TemplateValues): string {
  const byKey = new Map<string, string>();
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string' && value.trim() !== '') byKey.set(variableKey(name), value.trim());
  }
  return body.replace(VARIABLE, (_whole, name: string) => byKey.get(variableKey(name)) ?? `${PLACEHOLDER_OPEN}${name}${PLACEHOLDER_CLOSE}`);
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
