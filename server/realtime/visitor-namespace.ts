import type { Server, Socket } from 'socket.io';
import { VISITOR_NAMESPACE, visitorAuthSchema, visitorRequests, type VisitorMessage } from '../../shared/protocol';
import { AppError, describeZodError } from '../../shared/errors';
import type { Db } from '../db/db';
import { listContactChannelMessages, toMessage } from '../domain/conversations/message-repository';
import { sendContactMessage } from '../domain/conversations/send-contact-message';
import { connectError } from './connect-error';
import { requestServer } from './request-handler';
import type { ErrorLogger } from '../lib/error-logger';
import type { DomainEvents } from '../domain/events';
import { visitorRoom } from './rooms';
import { toVisitorMessage, visitorMessageOf } from '../channels/widget/visitor-message';
import { resolveVisitorSession, type VisitorSession } from '../channels/widget/visitor-session';
import type { Router } from '../domain/routing/router';
import type { Clock } from '../lib/clock';
import { memoryBudget, WindowLimiter, type EventBudget, type LimiterRule } from '../lib/window-limiter';
import { nulByteError } from '../../shared/text/nul-byte';
import { addressKey, type ProxyTrust } from '../http/client-address';
import { DEFAULT_VISITOR_REQUEST_BUDGET, RequestBudget, type RequestBudgetLimits } from './request-budget';
import { socketAddress } from './socket-address';
import type { SensitiveScreen } from '../domain/sensitive/sensitive-screen';
import type { BotService } from '../domain/bot/bot-service';
import { agentReadUpTo, markReadByContact } from '../domain/conversations/read-marks';
import type { TypingRelay } from './typing-relay';
import { customerAddsToTicket, listCustomerTickets } from '../domain/tickets/customer-tickets';
import type { CsatService } from '../domain/csat/csat-service';
import { surveyInvalid } from '../domain/csat/answer-survey';
import { surveyRatings } from '../domain/csat/csat-view';
import { startsRouting } from '../domain/routing/routing-trigger';
import { visitorReadableFile } from '../domain/attachments/file-access';
import { signFileLink } from '../domain/attachments/file-link';
import { FILE_LINK_TTL_MS } from '../../shared/attachments';

/**
 * A person types a message every few seconds at most; a customer sending faster is a script.
 * Counted per contact, so reconnecting (or opening more sockets) does not start a new count.
 */
export const VISITOR_MESSAGE_LIMIT = { max: 20, windowMs: 10_000 };
/** Typing and read cues: a page sends a few every few seconds; far more is a script. */
export const VISITOR_CUE_LIMIT = { max: 40, windowMs: 10_000 };
/**
 * New visitors (no valid token, so a new contact) per address: a shop's busiest minute brings a
 * few customers from one office or mobile network; hundreds from one address are a script
 * filling the contact list. Returning visitors are not counted.
 */
export const DEFAULT_NEW_VISITOR_LIMIT: LimiterRule = { max: 30, windowMs: 60_000 };

export type VisitorNamespaceDeps = {
  db: Db;
  secret: string;
  logError: ErrorLogger;
  events: DomainEvents;
  router: Router;
  clock: Clock;
  /** Customer messages that match sensitive words alert supervisors. */
  sensitive: SensitiveScreen;
  /** Answers the customer while their conversation is with the bot. */
  bot: BotService;
  /** "Is typing" between the customer and the agents. */
  typing: TypingRelay;
  /** New visitor sessions per address (SWITCHBOARD_NEW_VISITORS_PER_MINUTE); DEFAULT_NEW_VISITOR_LIMIT when omitted. */
  newVisitorLimit?: LimiterRule;
  /**
   * Where new visitors per address are counted when several nodes run (one budget for all of them);
   * this node's memory, over `newVisitorLimit`, when omitted.
   */
  newVisitorBudget?: EventBudget;
  /** Which reverse proxies may name the client (SWITCHBOARD_TRUST_PROXY), for the per-address budget. */
  trustProxy?: ProxyTrust;
  /** What one visitor socket may ask at once; DEFAULT_VISITOR_REQUEST_BUDGET when omitted. */
  requestBudget?: RequestBudgetLimits;
  /** Looks for due channel deliveries now (a ticket reopened by the customer tells them on their channel). */
  kickDeliveries?: () => void;
  /** Satisfaction survey answers from the widget's stars card; absent: refused as `survey_invalid`. */
  csat?: Pick<CsatService, 'answer'>;
};

type VisitorSocketData = { session: VisitorSession };

/** The customer's side of the web chat. A visitor socket only ever hears its own conversation. */
export function registerVisitorNamespace(io: Server, deps: VisitorNamespaceDeps): void {
  const nsp = io.of(VISITOR_NAMESPACE);

  const newVisitors = deps.newVisitorBudget ?? memoryBudget(deps.newVisitorLimit ?? DEFAULT_NEW_VISITOR_LIMIT, deps.clock);
  nsp.use((socket, next) => {
    const auth: unknown = socket.handshake.auth ?? {};
    const nul = nulByteError(auth);
    if (nul) {
      next(connectError(nul));
      return;
    }
    const parsed = visitorAuthSchema.safeParse(auth);
    if (!parsed.success) {
      next(connectError(new AppError('bad_request', describeZodError(parsed.error))));
      return;
    }
    // Checked and counted in one step (in memory without an await between, or in one atomic
    // statement every node shares), so parallel connections cannot all pass.
    const admitNew = async () => {
      const allowed = await newVisitors.take(addressKey(socketAddress(socket, deps.trustProxy)));
      if (!allowed.allowed) {
        throw new AppError('rate_limited', `Too many new chats from this network; try again in ${allowed.retryAfterSeconds} s.`, {
          retryAfterSeconds: String(allowed.retryAfterSeconds),
        });
      }
    };
    // A signed phone or email may merge contacts: every desktop hears of the conversations that moved.
    resolveVisitorSession(
      deps.db,
      deps.secret,
      deps.clock,
      parsed.data,
      (changes) => changes.forEach((change) => void deps.events.emit({ type: 'conversation.changed', change })),
      admitNew,
    )
      .then((session) => {
        (socket.data as VisitorSocketData).session = session;
        next();
      })
      .catch((err: unknown) => next(connectError(err)));
  });

  const messages = new WindowLimiter({ contact: VISITOR_MESSAGE_LIMIT }, deps.clock);
  const cues = new WindowLimiter({ contact: VISITOR_CUE_LIMIT }, deps.clock);
  const within = (limiter: WindowLimiter, contactId: string, what: string) => {
    const allowed = limiter.check({ contact: contactId });
    if (!allowed.allowed) {
      throw new AppError('rate_limited', `Too many ${what} at once; try again in ${allowed.retryAfterSeconds} s.`, {
        retryAfterSeconds: String(allowed.retryAfterSeconds),
      });
    }
    limiter.record({ contact: contactId });
  };

  nsp.on('connection', (socket: Socket) => {
    const { session } = socket.data as VisitorSocketData;
    void socket.join(visitorRoom(session.channelId, session.contactId));
    void greet(socket, session, deps).catch((err: unknown) => deps.logError(err, 'visitor session'));

    const serve = requestServer(socket, visitorRequests, {
      logError: deps.logError,
      budget: new RequestBudget(deps.requestBudget ?? DEFAULT_VISITOR_REQUEST_BUDGET, deps.clock),
    });

    serve('visitor:history', async () => {
      const messages = visible((await listContactChannelMessages(deps.db, session.contactId, session.channelId)).map(visitorMessageOf));
      const readUpToSeq = await agentReadUpTo(deps.db, session.contactId, session.channelId);
      // A survey answered before the page was (re)loaded shows the stars given.
      const ratings = await surveyRatings(deps.db, messages.filter((m) => m.system?.code === 'csat_survey').map((m) => m.id));
      return { messages: messages.map((m) => (ratings.has(m.id) ? { ...m, surveyRating: ratings.get(m.id) ?? null } : m)), readUpToSeq };
    });

    serve('visitor:typing', async ({ typing }) => {
      within(cues, session.contactId, 'updates');
      await deps.typing.contact(session, typing);
      return {};
    });

    serve('visitor:read', async ({ upToSeq }) => {
      within(cues, session.contactId, 'updates');
      await markReadByContact(deps.db, deps.events, session, upToSeq, deps.clock());
      return {};
    });

    serve('visitor:tickets', async () => ({ tickets: await listCustomerTickets(deps.db, session.accountId, session.contactId) }));

    serve('visitor:ticket:add', async ({ number, body }) => {
      within(messages, session.contactId, 'messages');
      const ticketDeps = { db: deps.db, events: deps.events, clock: deps.clock, kickDeliveries: deps.kickDeliveries };
      return { ticket: await customerAddsToTicket(ticketDeps, session, number, body) };
    });

    serve('visitor:csat', async ({ messageId, rating, comment }) => {
      within(messages, session.contactId, 'messages');
      if (!deps.csat) throw surveyInvalid();
      const ref = { messageId, contactId: session.contactId, channelId: session.channelId };
      const outcome = await deps.csat.answer(ref, { rating, comment: comment ?? null, via: 'widget', sourceId: null });
      return { status: outcome.status };
    });

    serve('visitor:file-url', async ({ fileId }) => {
      const file = await visitorReadableFile(deps.db, session.contactId, fileId);
      if (!file) throw new AppError('not_found', 'file not found');
      if (file.state !== 'ready') throw new AppError('conflict', `the file is not stored (${file.state})`);
      const link = signFileLink(deps.secret, fileId, session.contactId, deps.clock(), FILE_LINK_TTL_MS, 'visitor');
      return { url: link.path, expiresAt: new Date(link.expiresAtMs).toISOString() };
    });

    serve('visitor:send', async (payload) => {
      within(messages, session.contactId, 'messages');
      const { attachmentIds, ...text } = payload;
      const change = await sendContactMessage(deps.db, session, { ...text, uploadId: attachmentIds?.[0], now: deps.clock() }, deps.sensitive);
      void deps.events.emit({ type: 'conversation.changed', change, exceptVisitorSocket: socket.id });
      // With the bot, it answers (or hands over to a person) before the customer's send is acked.
      const answered = await deps.bot.respond(change);
      if (answered) void deps.events.emit({ type: 'conversation.changed', change: answered });
      // A new or newly waiting conversation is routed at once; the customer hears where they stand.
      if (startsRouting(change, answered)) void deps.router.kick(session.accountId, [change.conversation.id], { arrivals: true });
      const message = toVisitorMessage(toMessage(change.message));
      if (!message) throw new Error('a visitor message must be visible to the visitor');
      return { message };
    });
  });
}

/** The session push (with the menu of groups), then where the customer's open conversation stands, if any. */
async function greet(socket: Socket, session: VisitorSession, deps: VisitorNamespaceDeps): Promise<void> {
  const channel = await deps.db.query<{ config: unknown }>('SELECT config FROM channels WHERE id = $1', [session.channelId]);
  const config = (channel[0]?.config ?? {}) as { menu?: unknown };
  const groups = config.menu === false ? [] : await deps.router.groups(session.accountId);
  socket.emit('visitor:session', { visitorToken: session.visitorToken, contactId: session.contactId, name: session.name, groups });
  const open = await deps.db.query<{ id: string }>(
    "SELECT id FROM conversations WHERE contact_id = $1 AND channel_id = $2 AND status = 'open'",
    [session.contactId, session.channelId],
  );
  if (!open[0]) return;
  const status = await deps.router.statusOf(session.accountId, open[0].id);
  if (status) socket.emit('queue:update', status);
}

function visible(messages: (VisitorMessage | null)[]): VisitorMessage[] {
  return messages.filter((m): m is VisitorMessage => m !== null);
}
