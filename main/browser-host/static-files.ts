import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { rendererFileType, resolveRendererFile } from '../renderer-files';
import { contentSecurityPolicy } from '../session-policy';

/** The policy the Electron shell sends with its page: no eval, nothing loaded from elsewhere. */
const policy = contentSecurityPolicy();

/** Serves the renderer build from `root`; unknown paths get index.html, paths outside root get 404. */
export function staticHandler(root: string) {
  const base = resolve(root);
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let file = resolveRendererFile(base, new URL(req.url ?? '/', 'http://host').pathname);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info || info.isDirectory()) file = join(base, 'index.html');
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': rendererFileType(file),
        'content-security-policy': policy,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not built: run `npm run build` first.');
    }
  };
}
