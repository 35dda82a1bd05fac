import type { Server } from 'socket.io';
import { AGENT_NAMESPACE } from '../../shared/protocol';
import { AppError } from '../../shared/errors';
import type { Activity, ActivityState, User } from '../../shared/domain';
import type { Queryable } from '../db/db';
import type { Clock } from '../lib/clock';
import { systemTimers, type TimerHandle, type Timers } from '../lib/timers';
import { WindowLimiter } from '../lib/window-limiter';
import { getConversationAccess } from '../domain/conversations/conversation-repository';
import { loadMember } from '../domain/conversations/member-repository';
import { canRead, type ConversationAccess, type Member } from '../domain/conversations/permissions';
import { ActivityBoard } from '../domain/supervision/activity-board';
import { isStaff } from '../domain/supervision/supervision';
import type { ErrorLogger } from '../lib/error-logger';
import { agentsRoom, staffRoom, userRoom } from './rooms';

/**
 * Requests per socket: more than this is a script, refused as `rate_limited`. Relays per socket:
 * past this, the latest state is kept and relayed once the window allows (a typist is not cut off,
 * colleagues are not flooded).
 */
export const ACTIVITY_LIMITS = { request: { max: 100, windowMs: 10_000 }, relay: { max: 5, windowMs: 1_000 } };

/** How often stale typing is looked for. */
const SWEEP_MS = 5_000;

/** A conversation whose hands changed, as the relays of every node need it. */
export type ChangedAccess = ConversationAccess & { id: string };

/**
 * The activity relays of the other server nodes (several nodes share sockets; none on one node).
 * Each node's board holds what its own sockets reported: a question about the whole team asks the
 * others too.
 */
export interface ActivityPeers {
  /** Everyone active in a conversation on the other nodes' boards, previews included. */
  list(conversationId: string): Promise<Activity[]>;
  /** One person's activities on the other nodes' boards. */
  ofUser(userId: string): Promise<Activity[]>;
  /** Tells the other nodes' relays that a conversation changed hands. */
  accessChanged(conversation: ChangedAccess): void;
  /** Answers the other nodes from this node's relay. */
  serve(relay: PeerBoard): void;
}

/** What this node's relay answers the other nodes. */
export type PeerBoard = {
  list(conversationId: string): Promise<Activity[]>;
  ofUser(userId: string): Activity[];
  accessChanged(conversation: ChangedAccess): void;
};

export type ActivityRelayOptions = {
  io: Server;
  db: Queryable;
  clock: Clock;
  /** The stale-typing sweep and the throttled flushes; real timers when omitted. */
  timers?: Timers;
  logError: ErrorLogger;
  /** The other nodes' relays, when several nodes run. */
  peers?: ActivityPeers;
};

type Pending = { user: User; conversations: Set<string>; timer: TimerHandle };

/**
 * Viewing and typing in conversations, told to the colleagues who may read each one: supervisors
 * and admins with the typing preview, the other agents who may read it (its assignee, or everyone
 * when unassigned) without. Never the person themselves, never the customer.
 */
export class ActivityRelay {
  private readonly board = new ActivityBoard();
  private readonly limiter: WindowLimiter;
  private readonly pending = new Map<string, Pending>();
  /** The state each person's activity was last told in, to agents who see no preview. */
  private readonly toldAgents = new Map<string, ActivityState>();
  private readonly timers: Timers;
  private sweepTimer: TimerHandle | null = null;
  private stopped = false;

  constructor(private readonly options: ActivityRelayOptions) {
    this.limiter = new WindowLimiter(ACTIVITY_LIMITS, options.clock);
    this.timers = options.timers ?? systemTimers;
    options.peers?.serve({
      list: async (conversationId) => {
        await this.expire();
        return this.board.list(conversationId);
      },
      ofUser: (userId) => this.board.ofUser(userId),
      accessChanged: (conversation) => this.dropWhoLostAccess(conversation),
    });
  }

  start(): void {
    if (this.sweepTimer) return;
    this.sweepTimer = this.timers.interval(SWEEP_MS, () => void this.expire().catch((err: unknown) => this.options.logError(err, 'activity sweep')));
  }

  stop(): void {
    this.stopped = true;
    this.sweepTimer?.cancel();
    this.sweepTimer = null;
    for (const p of this.pending.values()) p.timer.cancel();
    this.pending.clear();
  }

  /** `activity:set` from one socket of `user`; answers the conversation's access as it was checked. */
  async set(socketId: string, user: User, conversationId: string, state: ActivityState, preview: string | undefined): Promise<ConversationAccess> {
    const allowed = this.limiter.check({ request: socketId });
    if (!allowed.allowed) throw new AppError('rate_limited', `Too many activity updates; try again in ${allowed.retryAfterSeconds} s.`);
    this.limiter.record({ request: socketId });
    const conversation = await readable(this.options.db, user, conversationId);
    const { activity, changed } = this.board.set(user, conversationId, state, preview, this.options.clock());
    if (!changed) return conversation;
    const waiting = this.pending.get(socketId);
    if (waiting) {
      waiting.conversations.add(conversationId);
      return conversation;
    }
    const relay = this.limiter.check({ relay: socketId });
    if (relay.allowed) {
      this.limiter.record({ relay: socketId });
      this.relay(conversation, activity);
      return conversation;
    }
    const timer = this.timers.timeout(relay.retryAfterSeconds * 1000, () => void this.flush(socketId));
    this.pending.set(socketId, { user, conversations: new Set([conversationId]), timer });
    return conversation;
  }


  /** `activity:list`: who is in a conversation now; previews for supervisors and admins only. */
  async list(user: User, conversationId: string): Promise<Activity[]> {
    const conversation = await readable(this.options.db, user, conversationId);
    await this.expire();
    const staff = isStaff(user);
    const elsewhere = (await this.options.peers?.list(conversationId)) ?? [];
    return latestPerPerson([...this.board.list(conversationId), ...elsewhere])
      // Someone who lost the conversation since (a takeover) is no longer shown in it.
      .filter((a) => canRead(boardMember(a, conversation.accountId), conversation))
      .map((a) => (staff ? a : { ...a, preview: null }));
  }

  /**
   * A conversation changed hands (a takeover, a transfer): whoever can no longer read it leaves it,
   * so their last "typing" does not linger on colleagues' screens.
   */
  accessChanged(conversation: ChangedAccess): void {
    this.dropWhoLostAccess(conversation);
    this.options.peers?.accessChanged(conversation);
  }

  /** `accessChanged` on this node's board. */
  private dropWhoLostAccess(conversation: ChangedAccess): void {
    const now = this.options.clock();
    for (const a of this.board.list(conversation.id)) {
      if (canRead(boardMember(a, conversation.accountId), conversation)) continue;
      const { activity, changed } = this.board.set({ id: a.userId, name: a.name, role: a.role }, conversation.id, 'idle', undefined, now);
      if (changed) this.relay(conversation, activity);
    }
  }

  /**
   * A socket of `user` went away: its held updates go out now. Their last socket on this node
   * takes them out of every conversation this node's board holds them in; where another node
   * still holds them (a second device), colleagues are told that node's state instead of idle.
   */
  async disconnected(socketId: string, user: User): Promise<void> {
    // At shutdown every socket goes at once and nobody is left to tell.
    if (this.stopped) return;
    if (this.pending.has(socketId)) await this.flush(socketId);
    this.limiter.reset('request', socketId);
    this.limiter.reset('relay', socketId);
    // Only this node's sockets report to this node's board (one node: every socket).
    const sockets = await this.options.io.of(AGENT_NAMESPACE).local.in(userRoom(user.id)).fetchSockets();
    if (sockets.length > 0) return;
    const left = this.board.leave(user.id, this.options.clock());
    if (left.length === 0) return;
    const elsewhere = new Map(((await this.options.peers?.ofUser(user.id)) ?? []).map((a) => [a.conversationId, a]));
    for (const activity of left) await this.relayLatest(elsewhere.get(activity.conversationId) ?? activity);
  }

  /** Relays the latest state of each conversation a throttled socket reported on. */
  private async flush(socketId: string): Promise<void> {
    const waiting = this.pending.get(socketId);
    if (!waiting) return;
    waiting.timer.cancel();
    this.pending.delete(socketId);
    this.limiter.record({ relay: socketId });
    const now = this.options.clock();
    for (const conversationId of waiting.conversations) {
      await this.relayLatest(this.board.current(waiting.user, conversationId, now)).catch((err: unknown) =>
        this.options.logError(err, 'activity relay'),
      );
    }
  }

  private async expire(): Promise<void> {
    for (const activity of this.board.expireTyping(this.options.clock())) await this.relayLatest(activity);
  }

  /** Relays with the conversation's access as it is now (it may have been reassigned meanwhile). */
  private async relayLatest(activity: Activity): Promise<void> {
    const conversation = await getConversationAccess(this.options.db, activity.conversationId);
    if (conversation) this.relay(conversation, activity);
  }

  /**
   * One `activity:update` per socket that may read the conversation, never to the person's own
   * sockets: staff (also in the agents room) get the preview and are left out of the second emit.
   * Agents hear only state changes, since a new preview looks the same to them.
   */
  private relay(conversation: ConversationAccess, activity: Activity): void {
    const nsp = this.options.io.of(AGENT_NAMESPACE);
    const self = userRoom(activity.userId);
    const staff = staffRoom(conversation.accountId);
    nsp.to(staff).except(self).emit('activity:update', activity);
    const key = `${activity.conversationId}:${activity.userId}`;
    if (this.toldAgents.get(key) === activity.state) return;
    if (activity.state === 'idle') this.toldAgents.delete(key);
    else this.toldAgents.set(key, activity.state);
    const agents = conversation.assigneeId === null ? agentsRoom(conversation.accountId) : userRoom(conversation.assigneeId);
    nsp.to(agents).except([staff, self]).emit('activity:update', { ...activity, preview: null });
  }
}

/** One activity per person (the latest, when several nodes hold one), earliest first. */
function latestPerPerson(activities: Activity[]): Activity[] {
  const latest = new Map<string, Activity>();
  for (const a of activities) {
    const seen = latest.get(a.userId);
    if (!seen || seen.at < a.at) latest.set(a.userId, a);
  }
  return [...latest.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The conversation's access, when `user` may read it; `not_found` or `forbidden` otherwise. */
async function readable(db: Queryable, user: User, conversationId: string): Promise<ConversationAccess> {
  const conversation = await getConversationAccess(db, conversationId);
  if (!conversation || conversation.accountId !== user.accountId) throw new AppError('not_found', 'conversation not found');
  if (!canRead(await loadMember(db, user), conversation)) throw new AppError('forbidden', 'this conversation is assigned to someone else');
  return conversation;
}

/**
 * Someone shown in a conversation, as the rules see them. Their groups are not at hand here, so
 * only what does not depend on groups lets them stay shown: on a resolved unassigned conversation
 * agents drop out of each other's view, never the other way round.
 */
function boardMember(activity: { userId: string; role: Member['role'] }, accountId: string): Member {
  return { id: activity.userId, accountId, role: activity.role, groupIds: [] };
}
