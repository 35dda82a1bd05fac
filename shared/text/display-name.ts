/**
 * Characters that change how the text around them is shown without showing themselves: bidi
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), direction marks (U+200E,
 * U+200F, U+061C), zero-width spaces and joiners (U+200B–U+200D, U+2060) and the byte-order mark.
 * In a name they make "‮gnp.exe" read as "exe.png", or two different names look the same.
 */
const INVISIBLE_FORMATTING = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F]/g;

/**
 * A display name (a customer's, a colleague's, one a platform sent) as it is stored and shown:
 * without invisible formatting characters or control characters, surrounding space trimmed.
 */
export function displayNameForm(name: string): string {
  return name.replace(INVISIBLE_FORMATTING, '').replace(CONTROL, ' ').trim();
}
