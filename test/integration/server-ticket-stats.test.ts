import { beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { TicketStats } from '../../shared/ticket-stats';
import { serverForFile } from '../support/server-for-file';
import { connectDemoTeam, data, request, type DemoPerson } from '../support/server-fixture';
import { seedDepartment, seedTicket, seedTicketType } from '../support/ticket-seed';

const MIN = 60_000;
const HOUR = 60 * MIN;
const file = serverForFile();

// Ticket figures, checked against a small set worked out by hand (see each ticket's comment).
describe('ticket stats', () => {
  let sockets: Record<DemoPerson, Socket>;
  let tokens: Record<DemoPerson, string>;
  let ids: Record<DemoPerson, string>;
  let accountId: string;
  let front: string;
  let back: string;
  let repair: string;
  let refund: string;
  /** The period: one day, three days ago. */
  const base = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) - 3 * 24 * HOUR;
  const period = { from: new Date(base).toISOString(), to: new Date(base + 24 * HOUR).toISOString() };
  const at = (ms: number) => new Date(base + ms);
  const stats = async (who: DemoPerson, extra: Record<string, unknown> = {}) =>
    request<TicketStats>(sockets[who], 'tickets:stats', { ...period, ...extra });
  const csv = (who: DemoPerson, query: Record<string, string>) =>
    fetch(`${file.server.url}/api/tickets/stats.csv?${new URLSearchParams(query).toString()}`, { headers: { authorization: `Bearer ${tokens[who]}` } });

  beforeAll(async () => {
    ({ sockets, tokens, ids, accountId } = await connectDemoTeam(file.server.url));
    const db = file.server.db;
    // 李雷 leads 前台; 王芳 is a plain member of it; 后台 has nobody of theirs.
    front = await seedDepartment(db, accountId, '前台', [{ userId: ids.li, isLead: true }, { userId: ids.wang }]);
    back = await seedDepartment(db, accountId, '后台');
    repair = await seedTicketType(db, accountId, '维修');
    refund = await seedTicketType(db, accountId, '退款');
    // 1: met both targets (reply after 30 min, solved after 2 h).
    await seedTicket(db, accountId, {
      typeId: repair, departmentId: front, assigneeId: ids.wang, status: 'solved', createdAt: at(1 * HOUR),
      firstResponseDueAt: at(2 * HOUR), resolutionDueAt: at(5 * HOUR), firstRespondedAt: at(1 * HOUR + 30 * MIN), solvedAt: at(3 * HOUR),
    });
    // 2: replied after 90 min, 30 late: breached; still being worked on.
    await seedTicket(db, accountId, {
      typeId: repair, departmentId: front, assigneeId: ids.li, status: 'in_progress', createdAt: at(2 * HOUR),
      firstResponseDueAt: at(3 * HOUR), resolutionDueAt: at(1000 * HOUR), firstRespondedAt: at(3 * HOUR + 30 * MIN),
    });
    // 3: closed after an hour without a reply or targets: no SLA.
    await seedTicket(db, accountId, { typeId: refund, departmentId: back, assigneeId: ids.wang, status: 'closed', createdAt: at(3 * HOUR), closedAt: at(4 * HOUR) });
    // 4: new, its first target far ahead: not decided yet.
    await seedTicket(db, accountId, { typeId: refund, departmentId: back, status: 'new', createdAt: at(4 * HOUR), firstResponseDueAt: at(1000 * HOUR) });
    // 5: no type, open, its first target long passed without a reply: breached.
    await seedTicket(db, accountId, { departmentId: front, status: 'open', createdAt: at(5 * HOUR), firstResponseDueAt: at(6 * HOUR) });
    // Outside the period, and deleted: never counted.
    await seedTicket(db, accountId, { typeId: repair, departmentId: front, assigneeId: ids.wang, status: 'open', createdAt: at(-1 * HOUR) });
    await seedTicket(db, accountId, { typeId: repair, departmentId: front, assigneeId: ids.wang, status: 'open', createdAt: at(6 * HOUR), deletedAt: at(7 * HOUR) });
  });

  it('a supervisor sees the account by type, department and status, with averages and SLA met', async () => {
    const s = data(await stats('supervisor'));
    expect(s.scope).toBe('account');
    expect(s.totals).toEqual({
      tickets: 5, open: 3, solved: 2,
      avgFirstResponseSeconds: 3600, // (1800 + 5400) / 2
      avgSolveSeconds: 5400, // (7200 + 3600) / 2
      slaMet: 1, slaBreached: 2, slaMetPercent: 33.3,
    });
    expect(s.byStatus).toEqual([
      { status: 'new', tickets: 1 }, { status: 'open', tickets: 1 }, { status: 'in_progress', tickets: 1 },
      { status: 'waiting_on_customer', tickets: 0 }, { status: 'solved', tickets: 1 }, { status: 'closed', tickets: 1 },
    ]);
    expect(s.byType).toEqual([
      { id: repair, name: '维修', tickets: 2, open: 1, solved: 1, avgFirstResponseSeconds: 3600, avgSolveSeconds: 7200, slaMet: 1, slaBreached: 1, slaMetPercent: 50 },
      { id: refund, name: '退款', tickets: 2, open: 1, solved: 1, avgFirstResponseSeconds: null, avgSolveSeconds: 3600, slaMet: 0, slaBreached: 0, slaMetPercent: null },
      { id: null, name: null, tickets: 1, open: 1, solved: 0, avgFirstResponseSeconds: null, avgSolveSeconds: null, slaMet: 0, slaBreached: 1, slaMetPercent: 0 },
    ]);
    expect(s.byDepartment.map((d) => [d.name, d.tickets, d.slaMetPercent])).toEqual([['前台', 3, 33.3], ['后台', 2, null]]);
    const refunds = data(await stats('admin', { typeId: refund }));
    expect(refunds.totals.tickets).toBe(2);
    expect(data(await stats('admin', { departmentId: front })).totals.tickets).toBe(3);
  });

  it('an agent sees only what is assigned to them; a lead their department and their own', async () => {
    const own = data(await stats('wang'));
    expect(own.scope).toBe('own');
    expect(own.totals).toMatchObject({ tickets: 2, solved: 2, avgFirstResponseSeconds: 1800, avgSolveSeconds: 5400, slaMet: 1, slaBreached: 0, slaMetPercent: 100 });
    const lead = data(await stats('li'));
    expect(lead.scope).toBe('departments');
    expect(lead.byDepartment.map((d) => [d.name, d.tickets])).toEqual([['前台', 3]]);
    // A plain member asking for their department still sees only their own tickets in it.
    const member = data(await stats('wang', { departmentId: front }));
    expect([member.scope, member.totals.tickets]).toEqual(['own', 1]);
  });

  it('a department one does not belong to is refused, and so is a period backwards or over a year', async () => {
    for (const who of ['wang', 'li'] as const) {
      expect(await stats(who, { departmentId: back })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await stats('wang', { from: period.to, to: period.from })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await stats('supervisor', { from: '2020-01-01T00:00:00Z' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('exports the same figures as CSV, counted for the caller', async () => {
    const response = await csv('supervisor', period);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/ticket-stats-.*\.csv/);
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toBe('group,id,name,tickets,open,solved,avg_first_response_minutes,avg_solve_minutes,sla_met,sla_breached,sla_met_percent');
    expect(lines[1]).toBe('total,,,5,3,2,60,90,1,2,33.3');
    expect(lines).toContain(`type,${repair},维修,2,1,1,60,120,1,1,50`);
    expect(lines).toContain(`department,${back},后台,2,1,1,,60,0,0,`);
    expect(lines).toContain('status,in_progress,in_progress,1,,,,,,,');
    const own = (await (await csv('wang', period)).text()).split('\r\n');
    expect(own[1]).toBe('total,,,2,0,2,30,90,1,0,100');
    const refused = await csv('wang', { ...period, departmentId: back });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'forbidden' });
    expect((await csv('wang', { from: 'yesterday', to: period.to })).status).toBe(400);
  });
});
