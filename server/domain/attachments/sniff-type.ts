import { fileTypeFromFile } from 'file-type';

/** What a file is when its bytes say nothing we recognise. */
export const UNKNOWN_MIME_TYPE = 'application/octet-stream';

/**
 * The file's type as its bytes show it (magic numbers, read by file-type), never what the platform,
 * the sender or the file name claimed: a script named photo.jpg stays an unknown file. Text formats
 * without a signature (SVG, HTML, plain text) come out as UNKNOWN_MIME_TYPE, which is served only
 * as a download.
 */
export async function sniffMimeType(path: string): Promise<string> {
  const found = await fileTypeFromFile(path);
  return found?.mime ?? UNKNOWN_MIME_TYPE;
}

/** Raster images a browser shows without running anything: the only images shown inline. */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/avif']);

/**
 * Whether a stored file may be shown in the page (Content-Disposition: inline): raster images and
 * PDF. Everything else, SVG included (it can carry script), is served as an attachment.
 */
export function showsInline(mimeType: string): boolean {
  return INLINE_IMAGES.has(mimeType) || mimeType === 'application/pdf';
}
