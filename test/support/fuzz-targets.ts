import type { z } from 'zod';
import type { Role } from '../../shared/domain';
import { agentRequests, loginRequestSchema, logoutRequestSchema, refreshRequestSchema, visitorRequests } from '../../shared/protocol';
import { botRuleInputSchema, kbArticleInputSchema, kbExchangeFileSchema } from '../../shared/knowledge';
import {
  contactMergeRequestSchema,
  contactNoteRequestSchema,
  contactTagsRequestSchema,
  contactUnmaskRequestSchema,
  contactUnmergeRequestSchema,
} from '../../shared/contact-profile';
import { channelCreateSchema, channelUpdateSchema } from '../../shared/channels';
import { ordersConnectorSaveSchema } from '../../shared/orders';
import { aiSettingsChangeSchema } from '../../shared/ai';
import { orderStatusChangeSchema } from '../../server/domain/orders/order-events-payload';
import type { RegisteredRoute } from '../../server/app';

/**
 * What the fuzz tests walk: every socket request of both namespaces (the protocol's own maps) and
 * every HTTP route the running server registered, with who may call each. The routes and requests
 * are never listed here by hand; only who may call them is, since that is the rule under test.
 */

/** The agent desk: everyone but department staff. */
const EVERYONE: readonly Role[] = ['agent', 'supervisor', 'admin'];
/** Ticket requests: the desk and department staff (each ticket is checked on the server). */
const TICKET_USERS: readonly Role[] = ['agent', 'supervisor', 'admin', 'staff'];
const STAFF: readonly Role[] = ['supervisor', 'admin'];
const ADMINS: readonly Role[] = ['admin'];

/** Who may make each workstation request; a request missing here fails the coverage test. */
export const AGENT_REQUEST_ROLES: Record<keyof typeof agentRequests, readonly Role[]> = {
  'conversations:list': EVERYONE,
  'messages:list': EVERYONE,
  'messages:deliveries': EVERYONE,
  'attachments:url': EVERYONE,
  'sync:changes': EVERYONE,
  'contacts:get': EVERYONE,
  'contacts:profile': EVERYONE,
  'contacts:tags:set': EVERYONE,
  'contacts:rename': EVERYONE,
  'contacts:note:add': EVERYONE,
  'contacts:unmask': EVERYONE,
  'catalog:snapshot': EVERYONE,
  'kb:search': EVERYONE,
  'kb:admin:list': ADMINS,
  'kb:admin:save': ADMINS,
  'kb:admin:enable': ADMINS,
  'kb:admin:import': ADMINS,
  'kb:admin:export': ADMINS,
  'kb:learning:suggestions': ADMINS,
  'kb:learning:accept': ADMINS,
  'kb:learning:dismiss': ADMINS,
  'kb:learning:unanswered': ADMINS,
  'kb:inserted': EVERYONE,
  'bot:rules:list': ADMINS,
  'bot:rules:save': ADMINS,
  'bot:rules:delete': ADMINS,
  'bot:turns:list': STAFF,
  'templates:save': EVERYONE,
  'templates:delete': EVERYONE,
  'templates:import': STAFF,
  'presence:set': TICKET_USERS,
  'team:list': TICKET_USERS,
  'conversation:accept': EVERYONE,
  'conversation:decline': EVERYONE,
  'conversation:transfer': EVERYONE,
  'conversation:resolve': EVERYONE,
  // Checked per conversation on the server (whoever may act on it).
  'conversation:tags': EVERYONE,
  'conversation-tags:list': EVERYONE,
  'conversation-tags:admin:list': STAFF,
  'conversation-tags:admin:save': ADMINS,
  'conversation-tags:admin:archive': ADMINS,
  'conversation-tags:admin:settings': ADMINS,
  'message:send': EVERYONE,
  'note:add': EVERYONE,
  'conversation:takeover': STAFF,
  'conversation:join': STAFF,
  'audit:list': STAFF,
  'audit:export': ADMINS,
  'activity:set': EVERYONE,
  'activity:list': EVERYONE,
  'sensitive:list': TICKET_USERS,
  'sensitive:save': ADMINS,
  'sensitive:delete': ADMINS,
  'sensitive:policy': ADMINS,
  'admin:team:get': ADMINS,
  'admin:user:save': ADMINS,
  'admin:user:create': ADMINS,
  'conversation:read': EVERYONE,
  'admin:settings:get': ADMINS,
  'admin:settings:save': ADMINS,
  // Anyone who may read the conversation (checked per conversation on the server).
  'ai:suggest': EVERYONE,
  'ai:status': EVERYONE,
  // Tickets: checked per ticket and department on the server.
  'tickets:meta': TICKET_USERS,
  'tickets:list': TICKET_USERS,
  'tickets:get': TICKET_USERS,
  'tickets:create': TICKET_USERS,
  'tickets:update': TICKET_USERS,
  'tickets:comment': TICKET_USERS,
  'tickets:bulk': TICKET_USERS,
  'tickets:delete': STAFF,
  'tickets:changes': TICKET_USERS,
  'tickets:admin:departments:save': ADMINS,
  'tickets:admin:types:save': ADMINS,
  'tickets:admin:settings': ADMINS,
  'tickets:admin:sla:list': ADMINS,
  'tickets:admin:sla:save': ADMINS,
  // Counted for the caller: their own tickets, their departments', or the account's.
  'tickets:stats': TICKET_USERS,
  // Anyone who may read the conversation (checked per conversation on the server).
  'csat:get': EVERYONE,
  'reports:volume': EVERYONE,
  'reports:times': EVERYONE,
  'reports:queue': EVERYONE,
  'reports:csat': EVERYONE,
  'reports:bot': EVERYONE,
  'reports:sentiment': EVERYONE,
  'reports:tags': EVERYONE,
  'reports:weeklySettings:get': ADMINS,
  'reports:weeklySettings:set': ADMINS,
  'reports:weeklySend': ADMINS,
  'csat:admin:settings': ADMINS,
  'topics:list': STAFF,
  'topics:get': STAFF,
  'topics:conversation': STAFF,
  'topics:run': STAFF,
};

export type SocketTarget = { namespace: 'agent' | 'visitor'; name: string; payload: z.ZodType; roles?: readonly Role[] };

/** Every request the /agent and /visitor namespaces answer, straight from the protocol. */
export function socketTargets(): SocketTarget[] {
  const roles = AGENT_REQUEST_ROLES as Record<string, readonly Role[] | undefined>;
  return [
    ...Object.entries(agentRequests).map(([name, spec]) => ({ namespace: 'agent' as const, name, payload: spec.payload as z.ZodType, roles: roles[name] })),
    ...Object.entries(visitorRequests).map(([name, spec]) => ({ namespace: 'visitor' as const, name, payload: spec.payload as z.ZodType })),
  ];
}

/**
 * Who may call a route: anyone (`public`), a caller proving itself with a platform or shop
 * signature (`signed`: a sign-in token alone is not enough), or signed-in users of these roles.
 */
export type RouteCaller = 'public' | 'signed' | readonly Role[];

export type RoutePolicy = {
  callers: RouteCaller;
  /** Serves files (the widget page): answers in HTML or text, never with our JSON errors. */
  files?: boolean;
  /** The body's schema: malformed bodies are derived from it (otherwise only hostile JSON is sent). */
  body?: z.ZodType;
  /** A signed route's own refusal of a caller without its signature, when not unauthorized, forbidden or not_found. */
  refusedWith?: string;
  /**
   * Takes a file's raw bytes, streamed to disk up to the file limit (tens of MB), not a 1 MB JSON
   * body: the JSON body limit does not apply (channel-outbound-files and the intake's unit tests
   * check the file limits).
   */
  upload?: boolean;
};

/** Who may call each HTTP route, by "METHOD url" as Fastify registered it; a route missing here fails the coverage test. */
export const ROUTE_POLICIES: Record<string, RoutePolicy> = {
  'GET /healthz': { callers: 'public' },
  'GET /healthz/live': { callers: 'public' },
  'GET /healthz/ready': { callers: 'public' },
  'GET /widget': { callers: 'public', files: true },
  'GET /widget/*': { callers: 'public', files: true },
  'POST /api/auth/login': { callers: 'public', body: loginRequestSchema },
  'POST /api/auth/refresh': { callers: 'public', body: refreshRequestSchema },
  'POST /api/auth/logout': { callers: 'public', body: logoutRequestSchema },
  'GET /api/audit.csv': { callers: ADMINS },
  'GET /api/tickets/stats.csv': { callers: TICKET_USERS },
  'GET /api/reports/export.csv': { callers: EVERYONE },
  'GET /api/kb/articles': { callers: EVERYONE },
  'GET /api/kb/articles/:id': { callers: EVERYONE },
  'POST /api/kb/articles': { callers: ADMINS, body: kbArticleInputSchema },
  'PUT /api/kb/articles/:id': { callers: ADMINS, body: kbArticleInputSchema },
  'DELETE /api/kb/articles/:id': { callers: ADMINS },
  'POST /api/kb/import': { callers: ADMINS, body: kbExchangeFileSchema },
  'GET /api/kb/export': { callers: ADMINS },
  'GET /api/kb/search': { callers: EVERYONE },
  'GET /api/bot/rules': { callers: ADMINS },
  'POST /api/bot/rules': { callers: ADMINS, body: botRuleInputSchema },
  'PUT /api/bot/rules/:id': { callers: ADMINS, body: botRuleInputSchema },
  'DELETE /api/bot/rules/:id': { callers: ADMINS },
  'GET /api/bot/turns': { callers: STAFF },
  'GET /api/kb/suggested-questions': { callers: ADMINS },
  'POST /api/kb/suggested-questions/:id/accept': { callers: ADMINS },
  'POST /api/kb/suggested-questions/:id/dismiss': { callers: ADMINS },
  'GET /api/bot/unanswered': { callers: ADMINS },
  'GET /api/admin/orders-connector': { callers: ADMINS },
  'PUT /api/admin/orders-connector': { callers: ADMINS, body: ordersConnectorSaveSchema },
  'GET /api/admin/ai': { callers: ADMINS },
  'PATCH /api/admin/ai': { callers: ADMINS, body: aiSettingsChangeSchema },
  'POST /api/admin/ai/test': { callers: ADMINS },
  'GET /api/channels': { callers: ADMINS },
  'POST /api/channels': { callers: ADMINS, body: channelCreateSchema },
  'GET /api/channels/:id': { callers: ADMINS },
  'PATCH /api/channels/:id': { callers: ADMINS, body: channelUpdateSchema },
  'DELETE /api/channels/:id': { callers: ADMINS },
  // Agents for the customers of conversations they may read; supervisors and admins any.
  'GET /api/contacts/:id': { callers: EVERYONE },
  'PUT /api/contacts/:id/tags': { callers: EVERYONE, body: contactTagsRequestSchema },
  'POST /api/contacts/:id/notes': { callers: EVERYONE, body: contactNoteRequestSchema },
  'POST /api/contacts/:id/unmask': { callers: EVERYONE, body: contactUnmaskRequestSchema },
  'POST /api/contacts/:id/merge': { callers: EVERYONE, body: contactMergeRequestSchema },
  'POST /api/contacts/:id/unmerge': { callers: EVERYONE, body: contactUnmergeRequestSchema },
  // An admin's token or the shop's signature.
  'POST /api/orders/:id/status': { callers: ADMINS, body: orderStatusChangeSchema },
  'POST /api/orders/events': { callers: 'signed' },
  'POST /api/tickets': { callers: 'signed' },
  'GET /api/tickets/:number': { callers: 'signed' },
  'POST /api/tickets/:number/comments': { callers: 'signed' },
  'GET /api/admin/order-events': { callers: ADMINS },
  'POST /api/admin/order-events/secret': { callers: ADMINS },
  'POST /api/channels/:channelId/messages': { callers: 'signed' },
  'POST /webhooks/telegram/:channelId': { callers: 'signed' },
  'GET /webhooks/whatsapp/:channelId': { callers: 'signed' },
  'POST /webhooks/whatsapp/:channelId': { callers: 'signed' },
  'GET /webhooks/wechat/:channelId': { callers: 'signed' },
  'POST /webhooks/wechat/:channelId': { callers: 'signed' },
  // The satisfaction survey page: the link carries its own HMAC signature; pages for browsers (Accept: text/html), our JSON errors otherwise.
  'GET /csat/assets/survey.css': { callers: 'public', files: true },
  'GET /csat/:link': { callers: 'signed', refusedWith: 'survey_invalid' },
  'POST /csat/:link': { callers: 'signed', refusedWith: 'survey_invalid' },
  // A customer's file: the link carries its own HMAC signature naming the user.
  'GET /api/files/:id': { callers: 'signed', refusedWith: 'file_link_invalid' },
  'GET /api/visitor-files/:id': { callers: 'signed', refusedWith: 'file_link_invalid' },
  'POST /api/conversations/:id/uploads': { callers: EVERYONE, upload: true },
  'POST /api/visitor-uploads': { callers: 'signed', upload: true },
};

export const routeKey = (route: RegisteredRoute) => `${route.method} ${route.url}`;

/** The url with each parameter replaced by `value(name)`, percent-encoded as UTF-8 (a lone surrogate becomes U+FFFD). */
export function fillRoute(url: string, value: (param: string) => string): string {
  return url.replace(/:([A-Za-z]+)|\*/g, (_m, name: string | undefined) => encodeURIComponent(Buffer.from(value(name ?? '*')).toString()));
}
