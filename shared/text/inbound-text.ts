import { MAX_MESSAGE_LENGTH } from '../domain';

/**
 * Text from a platform as we store it: line endings as "\n", control characters other than tab
 * and newline dropped (they carry nothing a person wrote), surrounding space trimmed, and cut to
 * our message length with "…". Letters are kept as written: folding is for comparing, not storing.
 */
export function inboundTextForm(text: string): string {
  const clean = text
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .trim();
  return clean.length > MAX_MESSAGE_LENGTH ? `${clean.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : clean;
}
