import {
  isKnownTimeZone,
  MAX_INTERVALS_PER_DAY,
  minutesOf,
  weekdays,
  type BusinessHours,
  type Weekday,
} from '../../../../shared/business-hours';
import { ADMIN_BOUNDS, type ManagedGroup, type RoutingSettings, type RoutingSettingsView, type SettingsSave } from '../../../../shared/team-admin';
import { parseWholeNumber } from './whole-number';

export const timingKeys = [
  'autoAwaySeconds', 'reconnectGraceSeconds', 'acceptTimeoutSeconds', 'reofferCooldownSeconds', 'escalateAfterSeconds',
] as const satisfies readonly (keyof RoutingSettings)[];
export type TimingKey = (typeof timingKeys)[number];

/** One skill group's settings as typed: the capacity ('' for no group limit) and the hours, a day per line. */
export interface GroupDraft {
  id: string;
  name: string;
  maxChatsPerAgent: string;
  alwaysOpen: boolean;
  timezone: string;
  /** Per weekday, intervals such as "09:00–12:00, 13:00–18:00"; '' is closed. */
  days: Record<Weekday, string>;
  /** Seconds with nobody in the group with room before its chats overflow. */
  overflowAfterSeconds: string;
  /** '' never, 'any' any agent with room, else another group's id. */
  overflowTarget: string;
}

export interface SettingsDraft {
  timings: Record<TimingKey, string>;
  groups: GroupDraft[];
}

/** The time zone offered when a group that was always open gets hours. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** "09:00–12:00, 13:00–18:00" */
export function formatIntervals(intervals: readonly (readonly [string, string])[]): string {
  return intervals.map(([start, end]) => `${start}–${end}`).join(', ');
}

function groupDraftOf(group: ManagedGroup): GroupDraft {
  const hours = group.businessHours;
  const days = Object.fromEntries(weekdays.map((day) => [day, formatIntervals(hours?.days[day] ?? [])])) as Record<Weekday, string>;
  return {
    id: group.id,
    name: group.name,
    maxChatsPerAgent: group.maxChatsPerAgent === null ? '' : String(group.maxChatsPerAgent),
    alwaysOpen: hours === null,
    timezone: hours?.timezone ?? DEFAULT_TIME_ZONE,
    days,
    overflowAfterSeconds: String(group.overflowAfterSeconds),
    overflowTarget: group.overflowTarget ?? '',
  };
}

/** The form filled with what the server holds. */
export function settingsDraftOf(view: RoutingSettingsView): SettingsDraft {
  const timings = Object.fromEntries(timingKeys.map((key) => [key, String(view.settings[key])])) as Record<TimingKey, string>;
  return { timings, groups: view.groups.map(groupDraftOf) };
}

export type IntervalProblem =
  | { key: 'settings.problem.timeFormat'; text: string }
  | { key: 'settings.problem.endBeforeStart'; text: string }
  | { key: 'settings.problem.overlap' }
  | { key: 'settings.problem.tooManyIntervals'; max: number };

/** "9:00" → "09:00"; null when it is not a time of day (24:00 is allowed as an end). */
function normalizeTime(text: string): string | null {
  const match = /^(\d{1,2})[:：](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hh = match[1]!.padStart(2, '0');
  const value = `${hh}:${match[2]}`;
  return /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/.test(value) ? value : null;
}

/**
 * A day's intervals as typed: "09:00-12:00, 13:00–18:00" (any dash, commas or semicolons between
 * them, Chinese punctuation too). Empty is closed. Each must start before it ends, in order,
 * without overlapping, at most four a day.
 */
export function parseIntervals(text: string): { intervals: [string, string][]; problem: null } | { intervals: null; problem: IntervalProblem } {
  const pieces = text
    .split(/[,;，；、]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (pieces.length > MAX_INTERVALS_PER_DAY) return { intervals: null, problem: { key: 'settings.problem.tooManyIntervals', max: MAX_INTERVALS_PER_DAY } };
  const intervals: [string, string][] = [];
  let lastEnd = -1;
  for (const piece of pieces) {
    const parts = piece.split(/\s*[-–—~～至到]\s*/);
    const start = parts.length === 2 ? normalizeTime(parts[0]!) : null;
    const end = parts.length === 2 ? normalizeTime(parts[1]!) : null;
    if (!start || !end || start === '24:00') return { intervals: null, problem: { key: 'settings.problem.timeFormat', text: piece } };
    if (minutesOf(start) >= minutesOf(end)) return { intervals: null, problem: { key: 'settings.problem.endBeforeStart', text: piece } };
    if (minutesOf(start) < lastEnd) return { intervals: null, problem: { key: 'settings.problem.overlap' } };
    lastEnd = minutesOf(end);
    intervals.push([start, end]);
  }
  return { intervals, problem: null };
}

/** Where a problem is: an account timing, or a field of one group (a day's hours by weekday). */
export type SettingsField =
  | { kind: 'timing'; key: TimingKey }
  | { kind: 'groupMax'; groupId: string }
  | { kind: 'overflowAfter'; groupId: string }
  | { kind: 'timezone'; groupId: string }
  | { kind: 'day'; groupId: string; day: Weekday };

export type SettingsProblem = { field: SettingsField } & (
  | { key: 'settings.problem.range' | 'settings.problem.seconds'; min: number; max: number }
  | { key: 'settings.problem.timezone' }
  | { key: 'settings.problem.noHours' }
  | IntervalProblem
);

/** A stable id for a field: for element ids and to find a field's problem. */
export function fieldId(field: SettingsField): string {
  switch (field.kind) {
    case 'timing':
      return `timing-${field.key}`;
    case 'groupMax':
      return `group-${field.groupId}-max`;
    case 'overflowAfter':
      return `group-${field.groupId}-overflow-after`;
    case 'timezone':
      return `group-${field.groupId}-timezone`;
    case 'day':
      return `group-${field.groupId}-${field.day}`;
  }
}

function hoursOf(group: GroupDraft): BusinessHours | null {
  if (group.alwaysOpen) return null;
  const days: BusinessHours['days'] = {};
  for (const day of weekdays) {
    const parsed = parseIntervals(group.days[day]);
    if (parsed.intervals && parsed.intervals.length > 0) days[day] = parsed.intervals;
  }
  return { timezone: group.timezone.trim(), days };
}

/**
 * Checks the form by the server's rules (shared/team-admin bounds): whole numbers within bounds,
 * a group limit empty or within bounds, hours in a time zone the system knows, each day's
 * intervals readable and in order, and at least one open day (a group that never opens would
 * hold its customers forever; "always open" is the other choice). Empty when it can be saved.
 */
export function validateSettings(draft: SettingsDraft): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  for (const key of timingKeys) {
    const bounds = ADMIN_BOUNDS[key];
    if (parseWholeNumber(draft.timings[key], bounds).problem) problems.push({ field: { kind: 'timing', key }, key: 'settings.problem.seconds', ...bounds });
  }
  for (const group of draft.groups) {
    const bounds = ADMIN_BOUNDS.maxChatsPerAgent;
    if (group.maxChatsPerAgent.trim() !== '' && parseWholeNumber(group.maxChatsPerAgent, bounds).problem) {
      problems.push({ field: { kind: 'groupMax', groupId: group.id }, key: 'settings.problem.range', ...bounds });
    }
    if (parseWholeNumber(group.overflowAfterSeconds, ADMIN_BOUNDS.overflowAfterSeconds).problem) {
      problems.push({ field: { kind: 'overflowAfter', groupId: group.id }, key: 'settings.problem.seconds', ...ADMIN_BOUNDS.overflowAfterSeconds });
    }
    if (group.alwaysOpen) continue;
    if (!isKnownTimeZone(group.timezone.trim())) problems.push({ field: { kind: 'timezone', groupId: group.id }, key: 'settings.problem.timezone' });
    let open = false;
    for (const day of weekdays) {
      const parsed = parseIntervals(group.days[day]);
      if (parsed.problem) problems.push({ field: { kind: 'day', groupId: group.id, day }, ...parsed.problem });
      else if (parsed.intervals.length > 0) open = true;
    }
    const dayProblem = problems.some((p) => p.field.kind === 'day' && p.field.groupId === group.id);
    if (!open && !dayProblem) problems.push({ field: { kind: 'day', groupId: group.id, day: 'mon' }, key: 'settings.problem.noHours' });
  }
  return problems;
}

const sameHours = (a: BusinessHours | null, b: BusinessHours | null) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

function canonical(hours: BusinessHours | null): unknown {
  if (!hours) return null;
  return { timezone: hours.timezone.trim(), days: weekdays.filter((d) => (hours.days[d] ?? []).length > 0).map((d) => [d, hours.days[d]]) };
}

/** One change the admin is about to save, for the confirmation. */
export type SettingsChange =
  | { kind: 'timing'; key: TimingKey; before: number; after: number }
  | { kind: 'groupMax'; group: string; before: number | null; after: number | null }
  | { kind: 'overflowAfter'; group: string; before: number; after: number }
  | { kind: 'overflowTarget'; group: string; before: string | null; after: string | null }
  | { kind: 'hours'; group: string; before: BusinessHours | null; after: BusinessHours | null };

/**
 * What a valid form changes against what the server holds: the arguments for
 * `admin.saveSettings` with only the changed values, and the same as a list to confirm.
 */
export function settingsChanges(view: RoutingSettingsView, draft: SettingsDraft): { args: SettingsSave; changes: SettingsChange[] } {
  const args: SettingsSave = {};
  const changes: SettingsChange[] = [];
  for (const key of timingKeys) {
    const after = parseWholeNumber(draft.timings[key], ADMIN_BOUNDS[key]).value;
    if (after === null || after === view.settings[key]) continue;
    args[key] = after;
    changes.push({ kind: 'timing', key, before: view.settings[key], after });
  }
  const groups: NonNullable<SettingsSave['groups']> = [];
  for (const group of draft.groups) {
    const saved = view.groups.find((g) => g.id === group.id);
    if (!saved) continue;
    const change: NonNullable<SettingsSave['groups']>[number] = { id: group.id };
    const max = group.maxChatsPerAgent.trim() === '' ? null : parseWholeNumber(group.maxChatsPerAgent, ADMIN_BOUNDS.maxChatsPerAgent).value;
    if (max !== saved.maxChatsPerAgent) {
      change.maxChatsPerAgent = max;
      changes.push({ kind: 'groupMax', group: group.name, before: saved.maxChatsPerAgent, after: max });
    }
    const overflowAfter = parseWholeNumber(group.overflowAfterSeconds, ADMIN_BOUNDS.overflowAfterSeconds).value;
    if (overflowAfter !== null && overflowAfter !== saved.overflowAfterSeconds) {
      change.overflowAfterSeconds = overflowAfter;
      changes.push({ kind: 'overflowAfter', group: group.name, before: saved.overflowAfterSeconds, after: overflowAfter });
    }
    const target = group.overflowTarget === '' ? null : group.overflowTarget;
    if (target !== saved.overflowTarget) {
      change.overflowTarget = target;
      changes.push({ kind: 'overflowTarget', group: group.name, before: saved.overflowTarget, after: target });
    }
    const hours = hoursOf(group);
    if (!sameHours(hours, saved.businessHours)) {
      change.businessHours = hours;
      changes.push({ kind: 'hours', group: group.name, before: saved.businessHours, after: hours });
    }
    if (Object.keys(change).length > 1) groups.push(change);
  }
  if (groups.length > 0) args.groups = groups;
  return { args, changes };
}

/** A group's hours, open days only, for reading: [["mon", "09:00–18:00"], …]. */
export function hoursLines(hours: BusinessHours): [Weekday, string][] {
  return weekdays.filter((day) => (hours.days[day] ?? []).length > 0).map((day) => [day, formatIntervals(hours.days[day]!)]);
}
