/** Small real files, as customers send them, for tests of sniffing and storing. */

/** A 1×1 PNG. */
export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** A one-page PDF with no text. */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** An SVG that would run a script if a browser rendered it from our origin. */
export const SCRIPTED_SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("/api/auth/refresh")</script><rect width="1" height="1"/></svg>', 'utf8');

/** A PNG with `n` more bytes of text chunk after it: different bytes each n, still a PNG. */
export function pngOfSize(bytes: number): Buffer {
  return Buffer.concat([PNG_1X1, Buffer.alloc(Math.max(0, bytes - PNG_1X1.length), 0x20)]);
}

/**
 * One second of AMR-NB as WeChat's voice messages come (RFC 4867 storage format): the header, then
 * 50 frames of 20 ms at 12.2 kbit/s, each a mode byte (0x3c) and 31 bytes of speech parameters.
 * The parameters are a fixed pseudo-random series: any bits decode, as a crackle.
 */
export const AMR_VOICE = (() => {
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) >>> 16;
  const frames = Array.from({ length: 50 }, () => Buffer.from([0x3c, ...Array.from({ length: 31 }, () => next() & 0xff)]));
  return Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), ...frames]);
})();
