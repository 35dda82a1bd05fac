import type { FastifyReply } from 'fastify';

/**
 * Headers for the widget page. The CSP allows only our own scripts and styles (no inline code);
 * framing stays allowed because shops embed the chat in their sites.
 */
export function widgetSecurityHeaders(reply: FastifyReply): void {
  void reply.header(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; base-uri 'none'; form-action 'none'",
  );
  void reply.header('X-Content-Type-Options', 'nosniff');
  void reply.header('Referrer-Policy', 'no-referrer');
}
