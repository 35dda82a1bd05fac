/**
 * The agents-only system line routing leaves when a conversation overflows to another group: stored
 * in this form, shown translated ("Overflowed from 售后 to 售前") by each workstation.
 */
const PREFIX = 'overflow:';
const ARROW = '→';

/** The stored line; `to` null: any agent with room. */
export function overflowNote(from: string, to: string | null): string {
  return `${PREFIX}${from}${ARROW}${to ?? ''}`;
}

/** The groups named in a stored overflow line, or null when `body` is not one. */
export function parseOverflowNote(body: string): { from: string; to: string | null } | null {
  if (!body.startsWith(PREFIX)) return null;
  const rest = body.slice(PREFIX.length);
  const at = rest.lastIndexOf(ARROW);
  if (at < 0) return null;
  const to = rest.slice(at + ARROW.length);
  return { from: rest.slice(0, at), to: to === '' ? null : to };
}
