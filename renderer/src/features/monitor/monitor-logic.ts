import type { InboxConversation } from '../../../../shared/contract';
import {
  channelKindSchema,
  routingStateSchema,
  type Activity,
  type ChannelKind,
  type RoutingState,
  type SkillGroup,
  type TeamMember,
} from '../../../../shared/domain';
import type { MessageKey } from '../../i18n/en';
import { secondsSince } from '../../lib/duration';
import { matchesFilter, type InboxFilter } from '../../stores/inbox-logic';
import { activityIn, type ActivityMap, type AlertMap, type ConversationAlert } from '../../stores/supervision-logic';

/** One active conversation as the live monitor lists it. */
export interface MonitorRow {
  id: string;
  channelKind: ChannelKind;
  contactName: string;
  /** The name is the server's stand-in for a visitor who gave none (shown in the reader's language). */
  contactNameGenerated?: boolean;
  agentId: string | null;
  agentName: string | null;
  state: RoutingState;
  /** While offered: to whom. */
  offeredToId: string | null;
  groupId: string | null;
  groupName: string | null;
  priority: number;
  /** When the customer's still unanswered last message came in; null when the last word is not theirs. */
  waitingSince: string | null;
  alert: ConversationAlert | null;
  /** Colleagues viewing or typing in it now (the supervisor left out), typing first. */
  activity: Activity[];
}

/** The customer is waiting for an answer since their last message, if the last message is theirs. */
export function customerWaitingSince(conversation: Pick<InboxConversation, 'lastMessageAt' | 'lastMessageSenderType'>): string | null {
  return conversation.lastMessageSenderType === 'contact' ? conversation.lastMessageAt : null;
}

/** Whole seconds the customer has waited for an answer at `now`; null when they are not waiting. */
export function waitingSeconds(row: Pick<MonitorRow, 'waitingSince'>, now: number): number | null {
  return secondsSince(row.waitingSince, now);
}

/** From this many seconds a wait is shown as long, and from `WAIT_LATE_SECONDS` as too long. */
export const WAIT_LONG_SECONDS = 60;
export const WAIT_LATE_SECONDS = 180;

/** How urgent a wait looks on the monitor. */
export function waitingLevel(seconds: number | null): 'none' | 'ok' | 'long' | 'late' {
  if (seconds === null) return 'none';
  if (seconds >= WAIT_LATE_SECONDS) return 'late';
  if (seconds >= WAIT_LONG_SECONDS) return 'long';
  return 'ok';
}

/** The label of a routing state; the inbox's own words where it has them. */
export function stateLabelKey(state: RoutingState): MessageKey {
  switch (state) {
    case 'bot':
      return 'routing.bot';
    case 'queued':
      return 'routing.queued';
    case 'pending':
      return 'routing.pending';
    case 'offered':
      return 'monitor.state.offered';
    case 'assigned':
      return 'monitor.state.assigned';
  }
}

/**
 * Every active (not resolved) conversation the workstation holds, as monitor rows with their
 * sensitive-word flag and who is in them. The order is the input's; see sortRows.
 */
export function monitorRows(
  conversations: readonly InboxConversation[],
  alerts: AlertMap,
  activity: ActivityMap,
  me: string | null,
): MonitorRow[] {
  const rows: MonitorRow[] = [];
  for (const c of conversations) {
    if (c.status !== 'open') continue;
    rows.push({
      id: c.id,
      channelKind: c.channelKind,
      contactName: c.contactName,
      contactNameGenerated: c.contactNameGenerated,
      agentId: c.assigneeId,
      agentName: c.assigneeId ? (c.assigneeName ?? null) : null,
      state: c.routingState,
      offeredToId: c.routingState === 'offered' ? c.offeredToId : null,
      groupId: c.groupId,
      groupName: c.groupName,
      priority: c.priority,
      waitingSince: customerWaitingSince(c),
      alert: alerts[c.id] ?? null,
      activity: activityIn(activity, c.id, me),
    });
  }
  return rows;
}

/** An id filter's value as a select holds it: any, none (unassigned, no group), or one id. */
export type IdChoice = 'any' | 'none' | `id:${string}`;

export function idChoice(id: string): IdChoice {
  return `id:${id}`;
}

export function isIdChoice(value: string): value is IdChoice {
  return value === 'any' || value === 'none' || (value.startsWith('id:') && value.length > 3);
}

function matchesId(choice: IdChoice, id: string | null): boolean {
  if (choice === 'any') return true;
  if (choice === 'none') return id === null;
  return id !== null && choice === idChoice(id);
}

export interface MonitorFilter {
  state: RoutingState | 'any';
  channel: ChannelKind | 'any';
  agent: IdChoice;
  group: IdChoice;
  /** Only conversations with a sensitive-word alert. */
  alertsOnly: boolean;
}

export const noFilter: MonitorFilter = { state: 'any', channel: 'any', agent: 'any', group: 'any', alertsOnly: false };

export function isFiltered(filter: MonitorFilter): boolean {
  return (
    filter.state !== 'any' || filter.channel !== 'any' || filter.agent !== 'any' || filter.group !== 'any' || filter.alertsOnly
  );
}

/** The rows the filter lets through, in the order given. */
export function filterRows(rows: readonly MonitorRow[], filter: MonitorFilter): MonitorRow[] {
  return rows.filter(
    (row) =>
      (filter.state === 'any' || row.state === filter.state) &&
      (filter.channel === 'any' || row.channelKind === filter.channel) &&
      matchesId(filter.agent, row.agentId) &&
      matchesId(filter.group, row.groupId) &&
      (!filter.alertsOnly || row.alert !== null),
  );
}

export const sortKeys = ['waiting', 'state', 'agent'] as const;
export type SortKey = (typeof sortKeys)[number];
export type SortDirection = 'asc' | 'desc';
export interface MonitorSort {
  key: SortKey;
  direction: SortDirection;
}

/** Longest-waiting customers first. */
export const defaultSort: MonitorSort = { key: 'waiting', direction: 'desc' };

/** Clicking a column: the same column turns its direction around; another starts with its natural one. */
export function toggleSort(current: MonitorSort, key: SortKey): MonitorSort {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: key === 'waiting' ? 'desc' : 'asc' };
}

const stateOrder: readonly RoutingState[] = routingStateSchema.options;

function waitStart(row: MonitorRow): number | null {
  if (row.waitingSince === null) return null;
  const ms = Date.parse(row.waitingSince);
  return Number.isNaN(ms) ? null : ms;
}

/** Longer wait first; rows where nobody waits after every waiting one. */
function compareWaitingDesc(a: MonitorRow, b: MonitorRow): number {
  const wa = waitStart(a);
  const wb = waitStart(b);
  if (wa === null || wb === null) return wa === wb ? 0 : wa === null ? 1 : -1;
  return wa - wb;
}

function byId(a: MonitorRow, b: MonitorRow): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The monitor's order. Waiting: by how long the customer has waited (rows where the customer is
 * not waiting always last). State: bot, queued, offered, assigned, pending. Agent: by name, the
 * unassigned always last. Ties go to the longest wait, then the id, so rows never jump around.
 */
export function sortRows(rows: readonly MonitorRow[], sort: MonitorSort, locale?: string): MonitorRow[] {
  const flip = sort.direction === 'desc' ? -1 : 1;
  const compare = (a: MonitorRow, b: MonitorRow): number => {
    switch (sort.key) {
      case 'waiting': {
        const wa = waitStart(a);
        const wb = waitStart(b);
        if (wa === null || wb === null) return wa === wb ? 0 : wa === null ? 1 : -1;
        // An earlier start is a longer wait: descending (longest first) is ascending by start.
        return sort.direction === 'desc' ? wa - wb : wb - wa;
      }
      case 'state':
        return flip * (stateOrder.indexOf(a.state) - stateOrder.indexOf(b.state));
      case 'agent': {
        const na = a.agentId === null ? null : (a.agentName ?? '');
        const nb = b.agentId === null ? null : (b.agentName ?? '');
        if (na === null || nb === null) return na === nb ? 0 : na === null ? 1 : -1;
        return flip * na.localeCompare(nb, locale);
      }
    }
  };
  return [...rows].sort((a, b) => compare(a, b) || compareWaitingDesc(a, b) || byId(a, b));
}

export interface FilterOption {
  value: IdChoice;
  label: string;
}

/** The colleagues to filter by: the team, plus anyone holding a listed conversation; by name. */
export function agentOptions(rows: readonly MonitorRow[], agents: readonly TeamMember[], locale?: string): FilterOption[] {
  const names = new Map<string, string>();
  for (const a of agents) names.set(a.id, a.name);
  for (const r of rows) if (r.agentId && !names.has(r.agentId)) names.set(r.agentId, r.agentName ?? r.agentId);
  return [...names]
    .map(([id, name]) => ({ value: idChoice(id), label: name }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}

/** The skill groups to filter by: the team's, plus any a listed conversation is in; by name. */
export function groupOptions(rows: readonly MonitorRow[], groups: readonly SkillGroup[], locale?: string): FilterOption[] {
  const names = new Map<string, string>();
  for (const g of groups) names.set(g.id, g.name);
  for (const r of rows) if (r.groupId && !names.has(r.groupId)) names.set(r.groupId, r.groupName ?? r.groupId);
  return [...names]
    .map(([id, name]) => ({ value: idChoice(id), label: name }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}

export const monitorStates: readonly RoutingState[] = stateOrder;
export const monitorChannels: readonly ChannelKind[] = channelKindSchema.options;

/** The figures above the table. */
export interface MonitorSummary {
  active: number;
  /** In the queue or offered: waiting for an agent to take them. */
  waitingForAgent: number;
  /** The customer's last message is unanswered. */
  unanswered: number;
  alerts: number;
}

export function summarize(rows: readonly MonitorRow[]): MonitorSummary {
  let waitingForAgent = 0;
  let unanswered = 0;
  let alerts = 0;
  for (const r of rows) {
    if (r.state === 'queued' || r.state === 'offered') waitingForAgent += 1;
    if (r.waitingSince !== null) unanswered += 1;
    if (r.alert) alerts += 1;
  }
  return { active: rows.length, waitingForAgent, unanswered, alerts };
}

/**
 * The inbox tab that shows a conversation opened from the monitor: the current one if it already
 * lists it, else All.
 */
export function inboxFilterShowing(conversation: InboxConversation, current: InboxFilter, me: string | null): InboxFilter {
  return matchesFilter(conversation, current, me) ? current : 'all';
}
