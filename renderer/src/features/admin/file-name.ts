/**
 * A file name that is safe on every desktop: no control characters, no path separators or
 * characters Windows refuses, never empty or a dot name, ending in `extension` (".csv").
 */
export function safeFileName(name: string, fallback: string, extension: string): string {
  const printable = [...name].map((c) => (c.charCodeAt(0) < 0x20 ? '_' : c)).join('');
  const cleaned = printable.replace(/[\\/:*?"<>|]+/g, '_').trim();
  const chosen = cleaned === '' || cleaned === '.' || cleaned === '..' ? fallback : cleaned;
  return chosen.toLowerCase().endsWith(extension.toLowerCase()) ? chosen : `${chosen}${extension}`;
}
