import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { widgetSecurityHeaders } from './widget-headers';

/**
 * The built chat page (`npm run build:widget`, part of `npm run build`; `npm run server` and
 * `npm start` build it first when it is missing or older than its sources).
 */
export const BUILT_WIDGET_DIR = fileURLToPath(new URL('../../out/widget/', import.meta.url));

/** What /widget/ answers when the page was never built: the fix, rather than a bare 404. */
export const WIDGET_NOT_BUILT = {
  code: 'widget_not_built',
  message: 'The chat widget is not built. Run `npm run build:widget` (or `npm run build`) and reload.',
} as const;

// Only the page's own kinds of file, whatever else lands in the folder.
export function isWidgetAsset(pathName: string): boolean {
  return /\.(html|js|css|svg|png|ico)$/.test(pathName) || pathName.endsWith('/');
}

/** Serves the customer's chat page at /widget/ with its security headers. */
export async function registerWidgetPage(app: FastifyInstance, dir: string = BUILT_WIDGET_DIR): Promise<void> {
  app.get('/widget', (_request, reply) => reply.redirect('/widget/'));
  if (existsSync(join(dir, 'index.html'))) {
    await app.register(fastifyStatic, { root: dir, prefix: '/widget/', index: 'index.html', allowedPath: isWidgetAsset });
  } else {
    app.log.warn({ dir }, WIDGET_NOT_BUILT.message);
    app.get('/widget/*', (_request, reply) => reply.status(503).send(WIDGET_NOT_BUILT));
  }
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/widget/')) widgetSecurityHeaders(reply);
  });
}
