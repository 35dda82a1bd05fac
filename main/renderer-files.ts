import { extname, join, normalize, resolve, sep } from 'node:path';

/** Content types of the files a renderer build holds; anything else is served as opaque bytes. */
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type for a file of the renderer build, by its extension. */
export function rendererFileType(path: string): string {
  return types[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that a URL path names ('/' is index.html), or null when the path tries to
 * leave `root`: `..` segments (plain or percent-encoded), backslashes, NUL bytes and malformed
 * escapes are refused outright rather than normalised into something that looks harmless.
 */
export function resolveRendererFile(root: string, urlPathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  const base = resolve(root);
  const file = normalize(join(base, ...(segments.length ? segments : ['index.html'])));
  return file.startsWith(base + sep) ? file : null;
}
