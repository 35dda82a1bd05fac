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
import { toVisitorMessage } from '../channels/widget/visitor-message';
import { resolveVisitorSession, type VisitorSession } from '../channels/widget/visitor-session';
import type { Router } from '../domain/routing/router';
import type { Clock } from '../lib/clock';
import { WindowLimiter } from '../lib/window-limiter';
import type { SensitiveScreen } from '../domain/sensitive/sensitive-screen';
import type { BotService } from '../domain/bot/bot-service';
import { agentReadUpTo, markReadByContact } from '../domain/conversations/read-marks';
import type { TypingRelay } from './typing-relay';

/** A person types a message every few seconds at most; a socket sending faster is a script. */
export const VISITOR_MESSAGE_LIMIT = { max: 20, windowMs: 10_000 };
/** Typing and read cues: a page sends a few every few seconds; far more is a script. */
export const VISITOR_CUE_LIMIT = { max: 40, windowMs: 10_000 };

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
};

type VisitorSocketData = { session: VisitorSession };

/** The customer's side of the web chat. A visitor socket only ever hears its own conversation. */
export function registerVisitorNamespace(io: Server, deps: VisitorNamespaceDeps): void {
  const nsp = io.of(VISITOR_NAMESPACE);

  nsp.use((socket, next) => {
    const parsed = visitorAuthSchema.safeParse(socket.handshake.auth ?? {});
    if (!parsed.success) {
      next(connectError(new AppError('bad_request', describeZodError(parsed.error))));
      return;
    }
    // A signed phone or email may merge contacts: every desktop hears of the conversations that moved.
    resolveVisitorSession(deps.db, deps.secret, deps.clock, parsed.data, (changes) =>
      changes.forEach((change) => void deps.events.emit({ type: 'conversation.changed', change })),
    )
      .then((session) => {
        (socket.data as VisitorSocketData).session = session;
        next();
      })
      .catch((err: unknown) => next(connectError(err)));
  });

  const messages = new WindowLimiter({ socket: VISITOR_MESSAGE_LIMIT }, deps.clock);
  const cues = new WindowLimiter({ socket: VISITOR_CUE_LIMIT }, deps.clock);
  const cue = (socketId: string) => {
    const allowed = cues.check({ socket: socketId });
    if (!allowed.allowed) throw new AppError('rate_limited', `Too many updates at once; try again in ${allowed.retryAfterSeconds} s.`);
    cues.record({ socket: socketId });
  };

  nsp.on('connection', (socket: Socket) => {
    const { session } = socket.data as VisitorSocketData;
    socket.on('disconnect', () => {
      messages.reset('socket', socket.id);
      cues.reset('socket', socket.id);
    });
    void socket.join(visitorRoom(session.channelId, session.contactId));
    void greet(socket, session, deps).catch((err: unknown) => deps.logError(err, 'visitor session'));

    const serve = requestServer(socket, visitorRequests, { logError: deps.logError });

    serve('visitor:history', async () => {
      const messages = await listContactChannelMessages(deps.db, session.contactId, session.channelId);
      const readUpToSeq = await agentReadUpTo(deps.db, session.contactId, session.channelId);
      return { messages: visible(messages.map(toMessage).map(toVisitorMessage)), readUpToSeq };
    });

    serve('visitor:typing', async ({ typing }) => {
      cue(socket.id);
      await deps.typing.contact(session, typing);
      return {};
    });

    serve('visitor:read', async ({ upToSeq }) => {
      cue(socket.id);
      await markReadByContact(deps.db, deps.events, session, upToSeq, deps.clock());
      return {};
    });

    serve('visitor:send', async (payload) => {
      const allowed = messages.check({ socket: socket.id });
      if (!allowed.allowed) {
        throw new AppError('rate_limited', `Too many messages at once; try again in ${allowed.retryAfterSeconds} s.`);
      }
      messages.record({ socket: socket.id });
      const change = await sendContactMessage(deps.db, session, { ...payload, now: deps.clock() }, deps.sensitive);
      void deps.events.emit({ type: 'conversation.changed', change, exceptVisitorSocket: socket.id });
      // With the bot, it answers (or hands over to a person) before the customer's send is acked.
      const answered = await deps.bot.respond(change);
      if (answered) void deps.events.emit({ type: 'conversation.changed', change: answered });
      // A new or newly waiting conversation is routed at once; the customer hears where they stand.
      void deps.router.kick(session.accountId, [change.conversation.id]);
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
