import { randomUUID } from 'node:crypto';
import type { AgentState, Presence, SkillGroup, TeamMember } from '../../../shared/domain';
import type { QueueStatus } from '../../../shared/protocol';
import { systemLines } from '../../../shared/system-lines';
import type { Db, Queryable } from '../../db/db';
import { nextSeq, takeSeqs } from '../../db/sequence';
import type { Clock } from '../../lib/clock';
import type { ErrorLogger } from '../../lib/error-logger';
import { systemTimers, type TimerHandle, type Timers } from '../../lib/timers';
import type { DomainEvents } from '../events';
import type { ConversationChange } from '../conversations/message-change';
import { insertMessage } from '../conversations/message-repository';
import { isOpenAt } from './business-hours';
import { decideOffers, type GroupLimits, type Offer } from './decide';
import { averageHandlingSeconds, HANDLING_SAMPLE } from './estimate';
import { queueStatuses } from './queue-status';
import {
  loadGroups, loadHandlingSamples, loadPlacedStatusRows, loadQueue, loadSettings, loadStatusRows, loadTeam, overflowRules, type GroupInfo, type RoutingSettings, type StatusRow,
  type TeamRow,
} from './routing-repository';
import {
  applyOffers, findGraceExpiredUsers, listAccountIds, lockAccountForRouting, lockConversationsHeldBy, lockExpiredOffers, lockOfferable,
  lockPendingConversations, queuePendingConversation, requeueConversation, setUserOffline, withdrawOffer,
} from './routing-moves-repository';
import { availabilityOf } from './overflow';
import { escalateLongWaits, keepLeftMessages, overflowWaiting, routedChange } from './waiting-rescue';
import { clearDisconnected, listPresentUsers, markConnected, markDisconnected, markSignedOut, setUserPresence } from './presence-repository';
import type { AgentConnections } from './agent-connections';

export type RouterOptions = {
  db: Db;
  /** Where routing tells what it changed (offers, presence, queue positions). */
  events: DomainEvents;
  /** Whether an agent still has a connection somewhere. */
  connections: AgentConnections;
  clock: Clock;
  /** The sweep and offer wake-ups; real timers when omitted. */
  timers?: Timers;
  logError: ErrorLogger;
  /** How often expired offers, expired grace periods and reopened groups are looked for. */
  sweepMs?: number;
  /** The other nodes' routers, told what this one pushed; none on one node. */
  peers?: RouterPeers;
};

/** Which "already told" memory a notice belongs to. */
export type ToldKind = 'state' | 'member' | 'status';

/**
 * How routers on several nodes keep their "already told" memory alike (over socket.io's
 * server-side events): otherwise a node would skip a notice because it told the same thing
 * before another node told something newer.
 */
export interface RouterPeers {
  told(kind: ToldKind, id: string, key: string | null): void;
  onTold(handler: (kind: ToldKind, id: string, key: string | null) => void): void;
}

/** How long recent handling times are reused before they are read again. */
const HANDLING_CACHE_MS = 5_000;
/**
 * A routing run that moved nothing still recomputes every waiting customer's status this often
 * (besides whenever who is at work, handling times or opening hours changed): a change to the
 * queue made without telling the router is shown within this time.
 */
const FULL_STATUS_MS = 30_000;

export const REQUEUE_NOTE = 're-queued: agent disconnected';

/** `arrivalsOnly`: every kick folded into the next run came with conversations that just joined the queue. */
type AccountRun = { running: Promise<void> | null; again: boolean; touched: Set<string>; arrivalsOnly: boolean };

/**
 * Which customers' statuses a run computes. 'queue': everyone on the way to a person plus
 * `ids` (places moved). 'placed': only `ids`, each placed by a count in the database, unless
 * someone waits behind one of `arrivals` (a VIP came in ahead: all their places moved). 'sweep': a
 * run that changed nothing. Whatever the plan, the whole queue when what estimates and availability
 * are made of changed since the last time (who is at work, handling times, opening hours), and a
 * sweep at least every FULL_STATUS_MS. 'one': a single customer's status, told to nobody else.
 */
type StatusPlan =
  | { kind: 'queue'; ids: readonly string[] }
  | { kind: 'placed'; ids: readonly string[]; arrivals: ReadonlySet<string> }
  | { kind: 'sweep' }
  | { kind: 'one'; id: string };

/**
 * What a run read in its transaction that telling may use as it is: the settings and groups, and
 * the team when no agent's load moved (null: read again).
 */
type RunKnowledge = { settings: RoutingSettings; groups: GroupInfo[]; team: TeamRow[] | null };

/** What a kick says about its conversations: `arrivals` when they were not waiting before (new, or handed over by the bot). */
export type KickOptions = { arrivals?: boolean };

/**
 * Routing, one account at a time: moves expired offers and expired reconnect grace periods back
 * to the queue, opens pending conversations when their group's hours begin, offers waiting
 * conversations to agents (decideOffers) and tells everyone affected. A run holds a per-account
 * advisory lock for its transaction, so several nodes never offer one conversation twice; runs
 * asked for while one is going are folded into one more run after it.
 */
export class Router {
  private readonly db: Db;
  private readonly events: DomainEvents;
  private readonly connections: AgentConnections;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly logError: ErrorLogger;
  private readonly sweepMs: number;
  private readonly runs = new Map<string, AccountRun>();
  private readonly sentStatus = new Map<string, string>();
  private readonly sentState = new Map<string, string>();
  private readonly sentMember = new Map<string, string>();
  private readonly peers: RouterPeers | undefined;
  private readonly handling = new Map<string, { at: number; samples: Map<string, number[]> }>();
  /** Per account: what its last whole-queue statuses were computed from, and when. */
  private readonly lastFullStatus = new Map<string, { inputs: string; at: number }>();
  private readonly pendingWakeUps = new Set<TimerHandle>();
  private sweepTimer: TimerHandle | null = null;
  private stopped = false;

  constructor(options: RouterOptions) {
    this.db = options.db;
    this.events = options.events;
    this.connections = options.connections;
    this.clock = options.clock;
    this.timers = options.timers ?? systemTimers;
    this.logError = options.logError;
    this.sweepMs = options.sweepMs ?? 2_000;
    this.peers = options.peers;
    this.peers?.onTold((kind, id, key) => this.remember(kind, id, key, false));
  }

  /** Records what was last told about `id` (null: forgotten), and tells the other nodes when `share`. */
  private remember(kind: ToldKind, id: string, key: string | null, share = true): void {
    const memory = kind === 'state' ? this.sentState : kind === 'member' ? this.sentMember : this.sentStatus;
    if (key === null) memory.delete(id);
    else memory.set(id, key);
    if (share) this.peers?.told(kind, id, key);
  }

  /** Starts the periodic sweep (unref'd: it never keeps the process alive). */
  start(): void {
    if (this.sweepTimer || this.stopped) return;
    this.sweepTimer = this.timers.interval(this.sweepMs, () => void this.sweep());
  }

  /** Stops the sweep and timers and waits for runs in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.sweepTimer?.cancel();
    this.sweepTimer = null;
    for (const timer of this.pendingWakeUps) timer.cancel();
    this.pendingWakeUps.clear();
    await this.settled();
  }

  /** One sweep over every account: idempotent, safe to run on several nodes at once. */
  async sweep(): Promise<void> {
    if (this.stopped) return;
    try {
      const accounts = await listAccountIds(this.db);
      await Promise.all(accounts.map((id) => this.kick(id)));
    } catch (err) {
      if (!this.stopped) this.logError(err, 'routing sweep');
    }
  }

  /**
   * Asks for a routing run of the account; `touched` conversations get their customer's status
   * re-sent even when they left the queue. Resolves when a run that started after this call ends.
   */
  kick(accountId: string, touched: readonly string[] = [], options: KickOptions = {}): Promise<void> {
    let run = this.runs.get(accountId);
    if (!run) {
      run = { running: null, again: false, touched: new Set(), arrivalsOnly: true };
      this.runs.set(accountId, run);
    }
    for (const id of touched) run.touched.add(id);
    if (!options.arrivals || touched.length === 0) run.arrivalsOnly = false;
    if (this.stopped) return Promise.resolve();
    if (run.running) {
      run.again = true;
      return run.running;
    }
    const current = run;
    current.running = (async () => {
      do {
        current.again = false;
        const ids = [...current.touched];
        const arrivalsOnly = current.arrivalsOnly;
        current.touched.clear();
        current.arrivalsOnly = true;
        try {
          await this.runOnce(accountId, ids, arrivalsOnly);
        } catch (err) {
          if (!this.stopped) this.logError(err, 'routing run');
        }
      } while (current.again && !this.stopped);
      current.running = null;
    })();
    return current.running;
  }

  /** Resolves once no run is going on any account (for tests and shutdown). */
  async settled(): Promise<void> {
    for (;;) {
      const running = [...this.runs.values()].map((r) => r.running).filter((p): p is Promise<void> => p !== null);
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  /** Runs `fn` after `ms` unless the router stopped first. */
  later(ms: number, fn: () => void): void {
    if (this.stopped) return;
    const timer = this.timers.timeout(ms, () => {
      this.pendingWakeUps.delete(timer);
      if (!this.stopped) fn();
    });
    this.pendingWakeUps.add(timer);
  }

  private async runOnce(accountId: string, touched: readonly string[], arrivalsOnly: boolean): Promise<void> {
    const now = this.clock();
    const { changes, escalated, placesMoved, known } = await this.db.transaction(async (tx) => {
      await lockAccountForRouting(tx, accountId);
      const settings = await loadSettings(tx, accountId);
      if (!settings) return { changes: [], escalated: [], placesMoved: false, known: null };
      const out: ConversationChange[] = [];
      await this.expireGraces(tx, accountId, now, settings.reconnectGraceSeconds, out);
      // Chats of agents gone back to the queue join it among the others: places move.
      const requeued = out.length;
      // An offer that ran out leaves its customer where they were (offered customers keep their place).
      await this.expireOffers(tx, accountId, now, out);
      const groups = await loadGroups(tx, accountId);
      const beforePending = out.length;
      await this.openPending(tx, accountId, now, groups, out);
      // Customers whose group opened join the queue among the others: places move.
      const opened = out.length - beforePending;
      const everyone = await loadTeam(tx, accountId);
      const team = everyone.filter((u) => u.role === 'agent');
      const limits: GroupLimits = new Map(groups.map((g) => [g.id, g.maxChatsPerAgent]));
      const rules = overflowRules(groups);
      const overflowed = await overflowWaiting(tx, accountId, now, groups, team, limits);
      out.push(...overflowed);
      const placesMoved = requeued > 0 || opened > 0 || overflowed.length > 0;
      // Offers and left messages change a customer's state, nobody's place.
      const beforeOffers = out.length;
      await this.offer(tx, accountId, now, settings, team, limits, out);
      // The team was read after presence and requeues moved; only new offers move loads after it.
      const loadsMoved = out.length > beforeOffers;
      out.push(...(await keepLeftMessages(tx, accountId, team, rules, groups)));
      const alerts = await escalateLongWaits(tx, accountId, now, settings.escalateAfterSeconds, team, rules);
      return { changes: out, escalated: alerts, placesMoved, known: { settings, groups, team: loadsMoved ? null : everyone } };
    });
    for (const alert of escalated) void this.events.emit({ type: 'queue.escalated', accountId, alert });
    for (const change of changes.sort((a, b) => a.conversation.seq - b.conversation.seq)) void this.events.emit({ type: 'conversation.changed', change });
    const changedIds = changes.map((c) => c.conversation.id);
    // Unless the run moved places (or was asked about conversations that may have left the queue),
    // only the customers it changed and the new arrivals are told (see statuses).
    const ids = [...new Set([...touched, ...changedIds])];
    const plan: StatusPlan =
      placesMoved || (touched.length > 0 && !arrivalsOnly) ? { kind: 'queue', ids }
      : ids.length === 0 ? { kind: 'sweep' }
      : { kind: 'placed', ids, arrivals: new Set(touched) };
    await this.notify(accountId, plan, known);
    // The earliest offer to run out gets its own wake-up, so the next agent hears of it promptly.
    const nextExpiry = changes
      .map((c) => (c.conversation.routingState === 'offered' && c.conversation.offerExpiresAt ? Date.parse(c.conversation.offerExpiresAt) : null))
      .filter((t): t is number => t !== null)
      .sort((a, b) => a - b)[0];
    if (nextExpiry !== undefined) this.later(Math.max(0, nextExpiry - this.clock()) + 5, () => void this.kick(accountId));
  }

  /** Agents gone longer than the grace period: offline, and their conversations back to the queue. */
  private async expireGraces(tx: Queryable, accountId: string, now: number, graceSeconds: number, out: ConversationChange[]) {
    const users = await findGraceExpiredUsers(tx, accountId, new Date(now - graceSeconds * 1000));
    for (const userId of users) {
      await setUserOffline(tx, userId, new Date(now));
      // Conversations another transaction holds right now are left for the next run.
      for (const c of await lockConversationsHeldBy(tx, userId)) {
        let noteId: string | null = null;
        if (c.assigneeId !== null) {
          noteId = randomUUID();
          await insertMessage(tx, {
            id: noteId, accountId, conversationId: c.id, seq: await nextSeq(tx, accountId),
            senderType: 'system', senderId: null, body: REQUEUE_NOTE, clientId: null, internal: true, system: systemLines.requeued(),
          });
        }
        await requeueConversation(tx, c.id, await nextSeq(tx, accountId), new Date(now));
        out.push(await routedChange(tx, c.id, c.assigneeId, noteId));
      }
    }
  }

  /** Offers nobody accepted in time go back to the queue: to the next agent first, to the same one after the cool-down. */
  private async expireOffers(tx: Queryable, accountId: string, now: number, out: ConversationChange[]) {
    for (const c of await lockExpiredOffers(tx, accountId, new Date(now))) {
      await withdrawOffer(tx, c.id, c.offeredTo, await nextSeq(tx, accountId), new Date(now));
      out.push(await routedChange(tx, c.id, null, null));
    }
  }

  /** Conversations left outside business hours join the queue once their group opens. */
  private async openPending(tx: Queryable, accountId: string, now: number, groups: GroupInfo[], out: ConversationChange[]) {
    const closed = new Set(groups.filter((g) => !isOpenAt(g.hours, now)).map((g) => g.id));
    for (const c of await lockPendingConversations(tx, accountId)) {
      if (c.groupId !== null && closed.has(c.groupId)) continue;
      await queuePendingConversation(tx, c.id, await nextSeq(tx, accountId));
      out.push(await routedChange(tx, c.id, c.assigneeId, null));
    }
  }

  /**
   * The decision itself, applied. Only as much of the queue is read as the free seats can take:
   * nothing when nobody has room, else the head of the queue, read further only while an agent
   * still has room after the decision and the queue goes on.
   */
  private async offer(
    tx: Queryable, accountId: string, now: number, settings: RoutingSettings, team: TeamRow[], limits: GroupLimits, out: ConversationChange[],
  ) {
    const seats = freeSeats(team);
    if (seats === 0) return;
    const cooldownMs = settings.reofferCooldownSeconds * 1000;
    let limit: number | null = Math.max(QUEUE_READ_MIN, seats * 4);
    let offers: Offer[];
    for (;;) {
      const queue = await loadQueue(tx, accountId, limit);
      offers = decideOffers(queue, team, limits, now, cooldownMs);
      if (limit === null || queue.length < limit || offers.length >= seats) break;
      limit = limit * 8 >= QUEUE_READ_ALL ? null : limit * 8;
    }
    const timeoutSeconds = settings.acceptTimeoutSeconds;
    if (offers.length === 0) return;
    // Only conversations still queued and not held by another transaction (a claim or a message in
    // flight) are offered, and none past the first one held: offers are in the queue's order
    // (priority, then first come), so a later one would overtake it. The rest wait for the next run.
    const freeIds = await lockOfferable(tx, offers.map((o) => o.conversationId));
    const held = offers.findIndex((o) => !freeIds.has(o.conversationId));
    const applied = held === -1 ? offers : offers.slice(0, held);
    if (applied.length === 0) return;
    const seqs = await takeSeqs(tx, accountId, applied.length);
    await applyOffers(tx, applied, seqs, new Date(now + timeoutSeconds * 1000), new Date(now));
    for (const o of applied) out.push(await routedChange(tx, o.conversationId, null, null));
  }

  // ---- telling people --------------------------------------------------------------------------

  /**
   * Pushes `agent:state` to agents whose presence or load changed, `team:member` about them to
   * supervisors and admins, and `queue:update` to customers whose status changed (plus those of
   * `touched` conversations), since this node last told them.
   */
  private async notify(accountId: string, plan: StatusPlan, known: RunKnowledge | null = null): Promise<void> {
    const [team, settings] = await Promise.all([
      known?.team ?? loadTeam(this.db, accountId),
      known?.settings ?? loadSettings(this.db, accountId),
    ]);
    if (!settings) return;
    for (const member of team) {
      const state = toAgentState(member, settings.autoAwaySeconds);
      const key = JSON.stringify(state);
      if (this.sentState.get(member.id) === key) continue;
      this.remember('state', member.id, key);
      void this.events.emit({ type: 'agent.state.changed', userId: member.id, state });
    }
    for (const member of team) {
      if (!takesChats(member)) continue;
      const view = toTeamMember(member);
      const key = JSON.stringify(view);
      if (this.sentMember.get(member.id) === key) continue;
      this.remember('member', member.id, key);
      void this.events.emit({ type: 'team.member.changed', accountId, member: view });
    }
    const statuses = await this.statuses(accountId, team, plan, known?.groups);
    for (const { row, status } of statuses) {
      const key = JSON.stringify(status);
      if (this.sentStatus.get(row.id) === key) continue;
      this.remember('status', row.id, status.state === 'resolved' || status.state === 'assigned' ? null : key);
      void this.events.emit({ type: 'queue.status.changed', channelId: row.channelId, contactId: row.contactId, status });
    }
  }

  /** Customers' statuses, as much of the queue as `plan` says (see StatusPlan). */
  private async statuses(accountId: string, team: TeamRow[], plan: StatusPlan, knownGroups?: GroupInfo[]) {
    const samples = await this.handlingSamples(accountId);
    const agents = team.filter((m) => m.role === 'agent');
    const online = agents.filter((m) => m.presence === 'online' && m.connected);
    const groups = knownGroups ?? (await loadGroups(this.db, accountId));
    const rules = overflowRules(groups);
    let rows: StatusRow[] | null = null;
    let positions: Map<string, number> | undefined;
    const now = this.clock();
    // A single customer's status is told to nobody else: it neither needs nor moves the account's memory.
    const inputs = plan.kind === 'one' ? '' : statusInputs(agents, samples, groups, now);
    const last = this.lastFullStatus.get(accountId);
    const inputsMoved = !last || last.inputs !== inputs;
    if (plan.kind === 'one' || (plan.kind === 'placed' && !inputsMoved)) {
      const ids = plan.kind === 'one' ? [plan.id] : plan.ids;
      const placed = await loadPlacedStatusRows(this.db, accountId, ids);
      if (plan.kind === 'one' || !placed.some((p) => p.anyoneBehind && plan.arrivals.has(p.row.id))) {
        rows = placed.map((p) => p.row);
        positions = new Map(placed.flatMap((p) => (p.position === null ? [] : [[p.row.id, p.position] as const])));
      }
    }
    if (!rows) {
      if (plan.kind === 'sweep' && !inputsMoved && now - last!.at < FULL_STATUS_MS) return [];
      this.lastFullStatus.set(accountId, { inputs, at: now });
      rows = await loadStatusRows(this.db, accountId, plan.kind === 'queue' || plan.kind === 'placed' ? plan.ids : []);
    }
    rows = rows.filter((r) => r.channelKind === 'widget');
    if (rows.length === 0) return [];
    const statuses = queueStatuses(
      rows,
      (groupId) => averageHandlingSeconds(samples.get(groupId ?? '') ?? []),
      (groupId) => (groupId === null ? online.length : online.filter((m) => m.groupIds.includes(groupId)).length),
      (row) => availabilityOf(row, agents, rules),
      positions,
    );
    return rows.map((row) => ({ row, status: statuses.get(row.id)! }));
  }

  private async handlingSamples(accountId: string): Promise<Map<string, number[]>> {
    const cached = this.handling.get(accountId);
    if (cached && this.clock() - cached.at < HANDLING_CACHE_MS) return cached.samples;
    const samples = await loadHandlingSamples(this.db, accountId, HANDLING_SAMPLE);
    this.handling.set(accountId, { at: this.clock(), samples });
    return samples;
  }

  /** The status a customer sees for one conversation now (on connect), or null when it is not on the widget. */
  async statusOf(accountId: string, conversationId: string): Promise<QueueStatus | null> {
    const team = await loadTeam(this.db, accountId);
    const found = (await this.statuses(accountId, team, { kind: 'one', id: conversationId })).find((s) => s.row.id === conversationId);
    return found?.status ?? null;
  }

  // ---- presence ----------------------------------------------------------------------------------

  /** One user's presence and load as their workstation shows it. */
  async agentState(accountId: string, userId: string): Promise<AgentState> {
    const [team, settings] = await Promise.all([loadTeam(this.db, accountId), loadSettings(this.db, accountId)]);
    const member = team.find((m) => m.id === userId);
    if (!member || !settings) throw new Error(`user ${userId} is not in account ${accountId}`);
    const state = toAgentState(member, settings.autoAwaySeconds);
    this.remember('state', userId, JSON.stringify(state));
    return state;
  }

  /**
   * A socket of this user connected. A reconnect within the grace period keeps their presence and
   * their conversations; a first connect, or one after the grace period ran out, comes online.
   */
  async connected(accountId: string, userId: string): Promise<void> {
    await markConnected(this.db, userId, new Date(this.clock()));
  }

  /**
   * A socket of this user went away. When it was their last (on any node), the grace period starts:
   * they get nothing new, keep what they have, and lose it if they are not back in time.
   */
  async disconnected(accountId: string, userId: string): Promise<void> {
    if ((await this.connections.count(userId)) > 0) return;
    await markDisconnected(this.db, userId, new Date(this.clock()));
    // A reconnect that raced the check above must not be left marked as gone.
    if ((await this.connections.count(userId)) > 0) {
      await clearDisconnected(this.db, userId);
      return;
    }
    const settings = await loadSettings(this.db, accountId);
    if (settings) this.later(settings.reconnectGraceSeconds * 1000 + 10, () => void this.kick(accountId));
    await this.kick(accountId);
  }

  /**
   * The user signed out (or was deactivated): unless they still have a socket other than
   * `exceptSocketId` (another device), they go offline at once, with no grace period, and the next
   * run hands their chats and offers back to the queue. That socket, if still here, is closed.
   * Resolves once supervisors have been told. True when they went offline.
   */
  async signedOut(accountId: string, userId: string, exceptSocketId?: string): Promise<boolean> {
    if (exceptSocketId) this.connections.close(exceptSocketId);
    if ((await this.connections.count(userId, exceptSocketId)) > 0) return false;
    // Gone since a grace period ago: the run treats them exactly as an agent who never came back.
    await markSignedOut(this.db, userId, new Date(this.clock()));
    await this.kick(accountId);
    return true;
  }

  /** Users that look connected but have no socket on any node (after a restart) start their grace period now. */
  async markMissingAsDisconnected(): Promise<void> {
    for (const user of await listPresentUsers(this.db)) {
      if ((await this.connections.count(user.id)) > 0) continue;
      await markDisconnected(this.db, user.id, new Date(this.clock()));
    }
  }

  /** Sets a user's presence; coming online drains the queue at once. */
  async setPresence(accountId: string, userId: string, presence: Presence): Promise<AgentState> {
    await setUserPresence(this.db, userId, presence, new Date(this.clock()));
    const state = await this.agentState(accountId, userId);
    void this.kick(accountId);
    return state;
  }

  /** Colleagues who can take conversations (agents and supervisors) and the skill groups, open or not now. */
  async team(accountId: string): Promise<{ agents: TeamMember[]; groups: SkillGroup[] }> {
    const [team, groups] = await Promise.all([loadTeam(this.db, accountId), this.groups(accountId)]);
    return {
      // Department staff take no chats, but tickets name, assign and mention them.
      agents: team.filter((m) => takesChats(m) || m.role === 'staff').map(toTeamMember),
      groups,
    };
  }

  /** The account's skill groups with whether they are inside business hours now. */
  async groups(accountId: string): Promise<SkillGroup[]> {
    const now = this.clock();
    return (await loadGroups(this.db, accountId)).map((g) => ({ id: g.id, name: g.name, open: isOpenAt(g.hours, now) }));
  }
}

/** What every waiting customer's estimate and availability are made of, as one comparable string. */
function statusInputs(agents: readonly TeamRow[], samples: ReadonlyMap<string, number[]>, groups: readonly GroupInfo[], now: number): string {
  return JSON.stringify([
    agents.map((a) => [a.id, a.presence, a.connected, a.groupIds, a.load, a.maxChats]),
    [...samples].map(([group, times]) => [group, averageHandlingSeconds(times)]),
    groups.map((g) => [g.id, g.name, isOpenAt(g.hours, now), g.overflowAfterSeconds, g.overflowTarget]),
  ]);
}

/** The least of the queue a run reads when someone has room, and the length past which it reads it all. */
const QUEUE_READ_MIN = 32;
const QUEUE_READ_ALL = 4_096;

/** How many more chats the agents who take new ones now can carry (each within their own maximum). */
function freeSeats(team: readonly TeamRow[]): number {
  return team
    .filter((a) => a.presence === 'online' && a.connected)
    .reduce((sum, a) => sum + Math.max(0, a.maxChats - a.load), 0);
}

/** Agents and supervisors handle chats; admins do not appear on the team board. */
const takesChats = (member: TeamRow) => member.role === 'agent' || member.role === 'supervisor';

/** A colleague as `team:list` and `team:member` show them. */
function toTeamMember(m: TeamRow): TeamMember {
  return { id: m.id, name: m.name, role: m.role, presence: m.presence, load: m.load, maxChats: m.maxChats, groupIds: [...m.groupIds] };
}

function toAgentState(member: TeamRow, autoAwaySeconds: number): AgentState {
  return { userId: member.id, presence: member.presence, load: member.load, maxChats: Math.max(1, member.maxChats), autoAwaySeconds };
}
