import { weekdays, type BusinessHours, type Weekday } from '../../../../shared/business-hours';
import { ticketPriorities, type SlaTarget, type TicketPriority, type TicketType } from '../../../../shared/tickets';
import type { TicketSettings } from '../../../../shared/tickets-admin';
import type { MethodArgs } from '../../../../shared/contract';
import { DEFAULT_TIME_ZONE, formatIntervals, parseIntervals } from './settings-logic';
import { parseWholeNumber } from './whole-number';

/** One cell row of the SLA grid as typed: minutes, empty for "no target". */
export type SlaRowDraft = { typeId: string | null; priority: TicketPriority; firstResponse: string; resolution: string; warnBefore: string };

const ANY_TYPE = 'any';
export const slaRowKey = (typeId: string | null, priority: TicketPriority): string => `${typeId ?? ANY_TYPE}:${priority}`;

/** The grid: the account default ("any" type) first, then every type not archived, each with every priority. */
export function slaDraftOf(targets: readonly SlaTarget[], types: readonly TicketType[]): SlaRowDraft[] {
  const saved = new Map(targets.map((target) => [slaRowKey(target.typeId, target.priority), target]));
  const typeIds = [null, ...types.filter((type) => !type.archived || targets.some((target) => target.typeId === type.id)).map((type) => type.id)];
  return typeIds.flatMap((typeId) =>
    ticketPriorities.map((priority) => {
      const target = saved.get(slaRowKey(typeId, priority));
      return {
        typeId,
        priority,
        firstResponse: target?.firstResponseMinutes ? String(target.firstResponseMinutes) : '',
        resolution: target?.resolutionMinutes ? String(target.resolutionMinutes) : '',
        warnBefore: target && (target.firstResponseMinutes || target.resolutionMinutes) ? String(target.warnBeforeMinutes) : '',
      };
    }),
  );
}

export type SlaProblem = { key: string; column: 'firstResponse' | 'resolution' | 'warnBefore' };

const MAX_MINUTES = 525_600;

/** The targets to save (rows with neither target are left out), or the first cell that is not a usable number. */
export function slaTargetsOf(rows: readonly SlaRowDraft[]): { targets: SlaTarget[]; problem: null } | { targets: null; problem: SlaProblem } {
  const targets: SlaTarget[] = [];
  for (const row of rows) {
    const minutes = (column: 'firstResponse' | 'resolution' | 'warnBefore', min: number) => {
      const text = row[column].trim();
      if (text === '') return { value: null, bad: false };
      const parsed = parseWholeNumber(text, { min, max: MAX_MINUTES });
      return { value: parsed.value, bad: parsed.problem !== null };
    };
    const first = minutes('firstResponse', 1);
    const resolution = minutes('resolution', 1);
    const warn = minutes('warnBefore', 0);
    const key = slaRowKey(row.typeId, row.priority);
    if (first.bad) return { targets: null, problem: { key, column: 'firstResponse' } };
    if (resolution.bad) return { targets: null, problem: { key, column: 'resolution' } };
    if (warn.bad) return { targets: null, problem: { key, column: 'warnBefore' } };
    if (first.value === null && resolution.value === null) continue;
    targets.push({ typeId: row.typeId, priority: row.priority, firstResponseMinutes: first.value, resolutionMinutes: resolution.value, warnBeforeMinutes: warn.value ?? 0 });
  }
  return { targets, problem: null };
}

/** The ticket settings form as typed. */
export type TicketSettingsDraft = {
  reopenDays: string;
  closeAfterDays: string;
  aroundTheClock: boolean;
  timezone: string;
  days: Record<Weekday, string>;
  emailAddress: string;
};

export function ticketSettingsDraftOf(settings: TicketSettings): TicketSettingsDraft {
  const hours = settings.businessHours;
  return {
    reopenDays: String(settings.reopenDays),
    closeAfterDays: String(settings.closeAfterDays),
    aroundTheClock: hours === null,
    timezone: hours?.timezone ?? DEFAULT_TIME_ZONE,
    days: Object.fromEntries(weekdays.map((day) => [day, formatIntervals(hours?.days[day] ?? [])])) as Record<Weekday, string>,
    emailAddress: settings.emailAddress ?? '',
  };
}

export type TicketSettingsField = 'reopenDays' | 'closeAfterDays' | 'timezone' | 'emailAddress' | Weekday;

/** What to save, or the first field that cannot be saved as typed. */
export function ticketSettingsSaveOf(
  draft: TicketSettingsDraft,
): { save: MethodArgs<'ticketAdmin.saveSettings'>; problem: null } | { save: null; problem: TicketSettingsField } {
  const reopen = parseWholeNumber(draft.reopenDays, { min: 0, max: 365 });
  if (reopen.problem) return { save: null, problem: 'reopenDays' };
  const close = parseWholeNumber(draft.closeAfterDays, { min: 1, max: 365 });
  if (close.problem) return { save: null, problem: 'closeAfterDays' };
  let businessHours: BusinessHours | null = null;
  if (!draft.aroundTheClock) {
    if (draft.timezone.trim() === '') return { save: null, problem: 'timezone' };
    const days: BusinessHours['days'] = {};
    for (const day of weekdays) {
      const parsed = parseIntervals(draft.days[day]);
      if (parsed.problem) return { save: null, problem: day };
      if (parsed.intervals.length > 0) days[day] = parsed.intervals;
    }
    businessHours = { timezone: draft.timezone.trim(), days };
  }
  const email = draft.emailAddress.trim();
  if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return { save: null, problem: 'emailAddress' };
  return { save: { reopenDays: reopen.value, closeAfterDays: close.value, businessHours, emailAddress: email === '' ? null : email }, problem: null };
}
