import { describe, expect, it } from 'vitest';
import type { TicketType } from '../../../../shared/tickets';
import { slaDraftOf, slaTargetsOf, ticketSettingsDraftOf, ticketSettingsSaveOf } from './ticket-admin-logic';

const type = (id: string, archived = false): TicketType => ({ id, name: id, defaultDepartmentId: null, position: 0, archived });

describe('the SLA grid', () => {
  it('puts the account default first, then every type in use, and saves only rows with a target', () => {
    const rows = slaDraftOf([{ typeId: 'repair', priority: 'high', firstResponseMinutes: 60, resolutionMinutes: null, warnBeforeMinutes: 15 }], [type('repair'), type('old', true)]);
    expect(rows.map((r) => `${r.typeId ?? 'any'}:${r.priority}`)).toEqual([
      'any:low', 'any:normal', 'any:high', 'any:urgent', 'repair:low', 'repair:normal', 'repair:high', 'repair:urgent',
    ]);
    expect(rows[6]).toEqual({ typeId: 'repair', priority: 'high', firstResponse: '60', resolution: '', warnBefore: '15' });
    expect(slaTargetsOf(rows)).toEqual({ targets: [{ typeId: 'repair', priority: 'high', firstResponseMinutes: 60, resolutionMinutes: null, warnBeforeMinutes: 15 }], problem: null });
  });

  it('names the first cell that is not a whole number of minutes', () => {
    const rows = slaDraftOf([], []);
    rows[1] = { ...rows[1]!, resolution: '0' };
    expect(slaTargetsOf(rows)).toEqual({ targets: null, problem: { key: 'any:normal', column: 'resolution' } });
  });
});

describe('the ticket settings form', () => {
  it('reads hours typed per day and leaves closed days out; around the clock saves no hours', () => {
    const draft = ticketSettingsDraftOf({ reopenDays: 7, closeAfterDays: 3, businessHours: null, emailAddress: null });
    expect(ticketSettingsSaveOf(draft).save).toEqual({ reopenDays: 7, closeAfterDays: 3, businessHours: null, emailAddress: null });
    const hours = ticketSettingsSaveOf({ ...draft, aroundTheClock: false, days: { ...draft.days, mon: '9:00-12:00，13:00–18:00' } });
    expect(hours.save?.businessHours).toEqual({ timezone: 'Asia/Shanghai', days: { mon: [['09:00', '12:00'], ['13:00', '18:00']] } });
    expect(ticketSettingsSaveOf({ ...draft, aroundTheClock: false, days: { ...draft.days, tue: '18:00-09:00' } }).problem).toBe('tue');
    expect(ticketSettingsSaveOf({ ...draft, closeAfterDays: '0' }).problem).toBe('closeAfterDays');
  });
});
