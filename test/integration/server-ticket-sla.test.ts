import { describe, expect, it, beforeAll } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { TicketSlaNotice } from '../../shared/ticket-sla';
import type { SlaTarget } from '../../shared/tickets';
import { recordSlaNotices } from '../../server/domain/tickets/sla/sla-repository';
import { breachingSql, slaTargetJoinsSql } from '../../server/domain/tickets/sla/sla-sql';
import { slaState, warnBeforeFor } from '../../server/domain/tickets/sla/sla-state';
import { listSlaTargets } from '../../server/domain/tickets/sla/sla-targets';
import { pushesFlushed } from '../support/barriers';
import { serverForFile } from '../support/server-for-file';
import { connectDemoTeam, data, record, request, type DemoPerson } from '../support/server-fixture';
import { seedDepartment, seedSlaTarget, seedTicket, seedTicketType } from '../support/ticket-seed';

const MIN = 60_000;
/** Added to the server's clock: SLA targets come near and pass when a test moves time on. */
let offset = 0;
const file = serverForFile({ clock: () => Date.now() + offset, slaSweepMs: 3_600_000 });

// The SLA clock: a ticket nearing its target warns its assignee and its department's lead once,
// and once more when it is missed; the history keeps both lines.
describe('the SLA clock', () => {
  let accountId: string;
  let sockets: Record<DemoPerson, Socket>;
  let ids: Record<DemoPerson, string>;
  const heard = {} as Record<DemoPerson, TicketSlaNotice[]>;
  let repairs: string;
  let repairType: string;

  const moveOn = async (ms: number) => {
    offset += ms;
    await file.server.slaSweep.sweep();
    await pushesFlushed(...Object.values(sockets));
  };
  const clear = () => Object.values(heard).forEach((list) => list.splice(0));
  const history = async (ticketId: string) =>
    file.server.db.query<{ kind: string; data: { target: string; dueAt: string }; actor_type: string; public: boolean }>(
      'SELECT kind, data, actor_type, public FROM ticket_events WHERE ticket_id = $1 ORDER BY seq', [ticketId],
    );
  const now = () => Date.now() + offset;

  beforeAll(async () => {
    const team = await connectDemoTeam(file.server.url, (who, socket) => void (heard[who] = record<TicketSlaNotice>(socket, 'ticket:sla')));
    ({ accountId, sockets, ids } = team);
    // 李雷 leads the repairs department; 王芳 works in it.
    repairs = await seedDepartment(file.server.db, accountId, '维修部', [{ userId: ids.li, isLead: true }, { userId: ids.wang }]);
    repairType = await seedTicketType(file.server.db, accountId, '维修');
    await seedSlaTarget(file.server.db, accountId, { typeId: repairType, priority: 'high', firstResponseMinutes: 60, resolutionMinutes: 480, warnBeforeMinutes: 30 });
  });

  it('warns the assignee and the lead once before the first-response target, then tells the breach once', async () => {
    const t0 = now();
    const ticket = await seedTicket(file.server.db, accountId, {
      subject: '洗衣机不转', typeId: repairType, priority: 'high', status: 'open', departmentId: repairs, assigneeId: ids.wang,
      createdAt: new Date(t0), firstResponseDueAt: new Date(t0 + 60 * MIN), resolutionDueAt: new Date(t0 + 480 * MIN),
    });
    clear();
    await moveOn(10 * MIN);
    expect(heard.wang).toEqual([]);

    await moveOn(21 * MIN);
    for (const who of ['wang', 'li'] as const) {
      expect(heard[who]).toEqual([expect.objectContaining({
        ticketId: ticket.id, number: ticket.number, subject: '洗衣机不转', kind: 'warning', target: 'first_response',
        dueAt: new Date(t0 + 60 * MIN).toISOString(), assigneeId: ids.wang, departmentId: repairs,
      })]);
    }
    expect(heard.supervisor).toEqual([]);
    expect(heard.admin).toEqual([]);

    await moveOn(5 * MIN);
    expect(heard.wang).toHaveLength(1);

    await moveOn(30 * MIN);
    for (const who of ['wang', 'li'] as const) expect(heard[who].map((n) => `${n.target}:${n.kind}`)).toEqual(['first_response:warning', 'first_response:breach']);
    await moveOn(10 * MIN);
    expect(heard.li).toHaveLength(2);

    expect(await history(ticket.id)).toEqual([
      { kind: 'sla_warning', data: { target: 'first_response', dueAt: new Date(t0 + 60 * MIN).toISOString() }, actor_type: 'system', public: false },
      { kind: 'sla_breach', data: { target: 'first_response', dueAt: new Date(t0 + 60 * MIN).toISOString() }, actor_type: 'system', public: false },
    ]);
    const [row] = await file.server.db.query<{ sla_notices: string[] }>('SELECT sla_notices FROM tickets WHERE id = $1', [ticket.id]);
    expect(row!.sla_notices.sort()).toEqual(['first_breach', 'first_warn']);
  });

  it('a first reply in time leaves only the resolution clock, which warns and breaches in turn', async () => {
    const t0 = now();
    const ticket = await seedTicket(file.server.db, accountId, {
      typeId: repairType, priority: 'high', status: 'in_progress', departmentId: repairs, assigneeId: ids.li,
      createdAt: new Date(t0), firstResponseDueAt: new Date(t0 + 60 * MIN), resolutionDueAt: new Date(t0 + 480 * MIN),
      firstRespondedAt: new Date(t0 + 5 * MIN),
    });
    const about = (who: DemoPerson) => heard[who].filter((n) => n.ticketId === ticket.id).map((n) => `${n.target}:${n.kind}`);
    clear();
    await moveOn(100 * MIN);
    expect(about('li')).toEqual([]);
    await moveOn(360 * MIN);
    expect(about('li')).toEqual(['resolution:warning']);
    await moveOn(60 * MIN);
    // 李雷 is both the assignee and the lead: told once each time.
    expect(about('li')).toEqual(['resolution:warning', 'resolution:breach']);
    expect(about('wang')).toEqual([]);
    expect((await history(ticket.id)).map((e) => e.kind)).toEqual(['sla_warning', 'sla_breach']);
  });

  it('solved tickets, deleted ones and tickets without targets are left alone', async () => {
    const t0 = now();
    const past = { firstResponseDueAt: new Date(t0 - 10 * MIN), resolutionDueAt: new Date(t0 - 5 * MIN) };
    const quiet = [
      await seedTicket(file.server.db, accountId, { ...past, status: 'solved', solvedAt: new Date(t0 - 20 * MIN), assigneeId: ids.wang, createdAt: new Date(t0 - 100 * MIN) }),
      await seedTicket(file.server.db, accountId, { ...past, status: 'open', deletedAt: new Date(t0), assigneeId: ids.wang, createdAt: new Date(t0 - 100 * MIN) }),
      await seedTicket(file.server.db, accountId, { status: 'open', assigneeId: ids.wang, createdAt: new Date(t0 - 100 * MIN) }),
    ];
    clear();
    await moveOn(MIN);
    expect(heard.wang).toEqual([]);
    for (const t of quiet) expect(await history(t.id)).toEqual([]);
  });

  it('a breach found after its warning window passed unseen is told alone, and nobody hears of an unassigned ticket outside a department', async () => {
    const t0 = now();
    const late = await seedTicket(file.server.db, accountId, {
      status: 'open', departmentId: repairs, createdAt: new Date(t0 - 200 * MIN), firstResponseDueAt: new Date(t0 - MIN),
    });
    const nobodys = await seedTicket(file.server.db, accountId, { status: 'open', createdAt: new Date(t0 - 200 * MIN), firstResponseDueAt: new Date(t0 - MIN) });
    clear();
    await moveOn(MIN);
    // Unassigned: the lead alone is told.
    expect(heard.li.map((n) => `${n.ticketId}:${n.kind}`)).toEqual([`${late.id}:breach`]);
    expect(heard.wang).toEqual([]);
    expect((await history(late.id)).map((e) => e.kind)).toEqual(['sla_breach']);
    expect((await history(nobodys.id)).map((e) => e.kind)).toEqual(['sla_breach']);
    for (const who of ['wang', 'supervisor', 'admin'] as const) expect(heard[who]).toEqual([]);
  });

  it('the breaching filter holds exactly the working tickets whose SLA state is warning or breached', async () => {
    const t0 = now();
    const db = file.server.db;
    const shelf = await seedDepartment(db, accountId, `SLA shelf ${t0}`);
    const dues = { none: null, past: t0 - 30 * MIN, soon: t0 + 10 * MIN, later: t0 + 50 * MIN, far: t0 + 600 * MIN };
    const made: { id: string; clock: Parameters<typeof slaState>[0]; typeId: string | null }[] = [];
    for (const status of ['open', 'waiting_on_customer', 'solved'] as const) {
      for (const [firstName, first] of Object.entries(dues)) {
        for (const reply of ['none', 'in_time', 'late'] as const) {
          if (reply !== 'none' && first === null) continue;
          if (reply === 'late' && firstName !== 'past') continue;
          for (const resolution of [dues.none, dues.past, dues.soon, dues.far]) {
            const typeId = made.length % 2 === 0 ? repairType : null;
            const firstRespondedAt = reply === 'none' ? null : reply === 'in_time' ? t0 - 40 * MIN : t0 - 20 * MIN;
            const solvedAt = status === 'solved' ? t0 - 10 * MIN : null;
            const { id } = await seedTicket(db, accountId, {
              typeId, priority: 'high', status, departmentId: shelf, createdAt: new Date(t0 - 60 * MIN),
              firstResponseDueAt: first === null ? null : new Date(first), resolutionDueAt: resolution === null ? null : new Date(resolution),
              firstRespondedAt: firstRespondedAt === null ? null : new Date(firstRespondedAt), solvedAt: solvedAt === null ? null : new Date(solvedAt),
            });
            made.push({ id, typeId, clock: { status, firstResponseDueAt: first, resolutionDueAt: resolution, firstRespondedAt, solvedAt, closedAt: null } });
          }
        }
      }
    }
    const targets = await listSlaTargets(db, accountId);
    const expected = made
      .filter((m) => m.clock.status !== 'solved' && ['warning', 'breached'].includes(slaState(m.clock, t0, warnBeforeFor(targets, m.typeId, 'high'))))
      .map((m) => m.id).sort();
    const found = await db.query<{ id: string }>(
      `SELECT t.id FROM tickets t ${slaTargetJoinsSql('t')} WHERE t.department_id = $1 AND ${breachingSql('$2', 't')}`, [shelf, new Date(t0)],
    );
    expect(expected.length).toBeGreaterThan(10);
    expect(found.map((r) => r.id).sort()).toEqual(expected);
  });

  it('two sweeps deciding one ticket at once record each notice once', async () => {
    const t0 = now();
    const ticket = await seedTicket(file.server.db, accountId, {
      status: 'open', assigneeId: ids.wang, createdAt: new Date(t0 - 100 * MIN), firstResponseDueAt: new Date(t0 + 10 * MIN),
    });
    const runs = await Promise.all([1, 2, 3].map(() => file.server.db.transaction((tx) => recordSlaNotices(tx, ticket.id, t0))));
    expect(runs.filter((r) => r !== null)).toHaveLength(1);
    expect((await history(ticket.id)).map((e) => e.kind)).toEqual(['sla_warning']);
  });
});

describe('SLA targets for admins', () => {
  let sockets: Record<DemoPerson, Socket>;
  let accountId: string;
  let typeId: string;
  const ask = <T>(who: DemoPerson, name: string, payload: unknown) => request<T>(sockets[who], name, payload);

  beforeAll(async () => {
    ({ sockets, accountId } = await connectDemoTeam(file.server.url));
    typeId = await seedTicketType(file.server.db, accountId, '退换货', 1);
  });

  it('an admin saves the targets, reads them back, and the change is audited with before and after', async () => {
    const { targets: before } = data(await ask<{ targets: SlaTarget[] }>('admin', 'tickets:admin:sla:list', {}));
    const targets: SlaTarget[] = [
      { typeId, priority: 'urgent', firstResponseMinutes: 15, resolutionMinutes: 240, warnBeforeMinutes: 5 },
      { typeId: null, priority: 'normal', firstResponseMinutes: 120, resolutionMinutes: null, warnBeforeMinutes: 30 },
    ];
    const saved = data(await ask<{ targets: SlaTarget[] }>('admin', 'tickets:admin:sla:save', { targets }));
    expect(saved.targets).toEqual([targets[1], targets[0]]);
    expect(data(await ask<{ targets: SlaTarget[] }>('admin', 'tickets:admin:sla:list', {})).targets).toEqual(saved.targets);
    const audit = await file.server.db.query<{ details: { before: SlaTarget[]; after: SlaTarget[] } }>(
      "SELECT details FROM audit_log WHERE account_id = $1 AND action = 'ticket_sla.update' ORDER BY id DESC LIMIT 1", [accountId],
    );
    expect(audit[0]?.details).toEqual({ before, after: saved.targets });
  });

  it('agents and supervisors are refused; unknown types, duplicates and empty targets are refused', async () => {
    for (const who of ['wang', 'supervisor'] as const) {
      expect(await ask(who, 'tickets:admin:sla:list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await ask(who, 'tickets:admin:sla:save', { targets: [] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const target = { typeId: null, priority: 'low', firstResponseMinutes: 60, resolutionMinutes: null, warnBeforeMinutes: 10 };
    expect(await ask('admin', 'tickets:admin:sla:save', { targets: [{ ...target, typeId: 'no-such-type' }] }))
      .toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ask('admin', 'tickets:admin:sla:save', { targets: [target, target] })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await ask('admin', 'tickets:admin:sla:save', { targets: [{ ...target, firstResponseMinutes: null }] }))
      .toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // Nothing of the refused saves was kept.
    expect(data(await ask<{ targets: SlaTarget[] }>('admin', 'tickets:admin:sla:list', {})).targets.some((t) => t.priority === 'low')).toBe(false);
  });
});
