import { describe, expect, it } from 'vitest';
import { aTicket } from '../testing/ticket-fixtures';
import { selectTickets, slaAt } from './ticket-list';

const viewer = { userId: 'u1', myDepartmentIds: ['d1'] };
const now = Date.parse('2026-01-01T12:00:00Z');

describe('the cached ticket list', () => {
  it('sorts by due time (tickets without one last), by priority, and by newest', () => {
    const tickets = [
      aTicket({ id: 'none', number: 1, priority: 'urgent', createdAt: '2026-01-01T08:00:00Z' }),
      aTicket({ id: 'late', number: 2, priority: 'low', dueAt: '2026-01-03T00:00:00Z', createdAt: '2026-01-01T10:00:00Z' }),
      aTicket({ id: 'soon', number: 3, priority: 'normal', resolutionDueAt: '2026-01-02T00:00:00Z', createdAt: '2026-01-01T09:00:00Z' }),
    ];
    const ids = (sort: 'due' | 'priority' | 'created') => selectTickets(tickets, { view: 'all', sort }, viewer, now).map((t) => t.id);
    expect(ids('due')).toEqual(['soon', 'late', 'none']);
    expect(ids('priority')).toEqual(['none', 'soon', 'late']);
    expect(ids('created')).toEqual(['late', 'soon', 'none']);
  });

  it('filters by status, priority, type and department together', () => {
    const tickets = [
      aTicket({ id: 'a', status: 'open', priority: 'high', typeId: 'repair', departmentId: 'd1' }),
      aTicket({ id: 'b', status: 'solved', priority: 'high', typeId: 'repair', departmentId: 'd1' }),
      aTicket({ id: 'c', status: 'open', priority: 'low', typeId: 'repair', departmentId: 'd1' }),
      aTicket({ id: 'd', status: 'open', priority: 'high', typeId: 'invoice', departmentId: 'd1' }),
    ];
    const shown = selectTickets(tickets, { view: 'all', status: ['open', 'in_progress'], priority: 'high', typeId: 'repair', departmentId: 'd1' }, viewer, now);
    expect(shown.map((t) => t.id)).toEqual(['a']);
  });

  it('marks a first response missed while away as breached, but never a solved ticket', () => {
    expect(slaAt(aTicket({ id: 'x', sla: 'warning', firstResponseDueAt: '2026-01-01T11:59:00Z' }), now)).toBe('breached');
    expect(slaAt(aTicket({ id: 'y', sla: 'ok', firstResponseDueAt: '2026-01-01T11:59:00Z', firstRespondedAt: '2026-01-01T11:00:00Z' }), now)).toBe('ok');
    expect(slaAt(aTicket({ id: 'z', status: 'solved', sla: 'met', resolutionDueAt: '2026-01-01T11:00:00Z' }), now)).toBe('met');
  });
});
