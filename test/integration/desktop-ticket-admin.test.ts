import { afterAll, describe, expect, it } from 'vitest';
import { signedInCore, type TestCore } from '../support/core-harness';
import { serverForFile } from '../support/server-for-file';
import { waitUntil } from '../support/wait';

const MIN = 60_000;
/** Added to the server's clock: SLA targets come near and pass when the test moves time on. */
let offset = 0;
const fixture = serverForFile({ clock: () => Date.now() + offset, slaSweepMs: 3_600_000 });

// Ticket administration through the real client cores and server: what an admin sets up decides a
// new ticket's due times, and the SLA clock's notice reaches the department lead's desktop.
describe('ticket administration through the desktop core', () => {
  const cores: TestCore[] = [];

  afterAll(async () => {
    for (const c of cores) await c.core.dispose();
  });

  const signIn = (email: string, password: string) => signedInCore(cores, fixture.server.url, email, password);

  it('an admin sets up a department led by staff, a type, SLA targets and settings; a new ticket gets due times and the lead hears of the breach', async () => {
    const admin = await signIn('admin@demo.test', 'demo-admin');

    // Department staff are added as users through the team administration.
    const staff = await admin.call('admin.createUser', { email: 'zhou.min@demo.test', name: '周敏', role: 'staff', password: 'staff-password-1' });
    expect(staff.role).toBe('staff');

    const department = await admin.call('ticketAdmin.saveDepartment', { name: '售后维修部', members: [{ userId: staff.id, isLead: true }] });
    expect(department).toMatchObject({ name: '售后维修部', archived: false, members: [{ userId: staff.id, isLead: true }] });
    const type = await admin.call('ticketAdmin.saveType', { name: '维修', defaultDepartmentId: department.id, position: 1 });
    expect(type).toMatchObject({ name: '维修', defaultDepartmentId: department.id, archived: false });
    const meta = await admin.call('tickets.meta', {});
    expect(meta.types.map((t) => t.id)).toContain(type.id);
    expect(meta.departments.find((d) => d.id === department.id)?.members).toEqual([{ userId: staff.id, isLead: true }]);

    const targets = [
      { typeId: null, priority: 'high' as const, firstResponseMinutes: 240, resolutionMinutes: 2880, warnBeforeMinutes: 60 },
      { typeId: type.id, priority: 'high' as const, firstResponseMinutes: 60, resolutionMinutes: 480, warnBeforeMinutes: 30 },
    ];
    expect(await admin.call('ticketAdmin.saveSla', { targets })).toEqual(expect.arrayContaining(targets));
    expect(await admin.call('ticketAdmin.sla', {})).toEqual(expect.arrayContaining(targets));

    const settings = await admin.call('ticketAdmin.saveSettings', { reopenDays: 10, closeAfterDays: 5, businessHours: null, emailAddress: 'Tickets@Shop.example' });
    expect(settings).toEqual({ reopenDays: 10, closeAfterDays: 5, businessHours: null, emailAddress: 'tickets@shop.example' });
    expect(await admin.call('ticketAdmin.settings', {})).toEqual(settings);

    // A refusal keeps its code: a bad address is refused before it leaves the desktop, a staff member may not administer.
    expect(await admin.invoke('ticketAdmin.saveSettings', { reopenDays: 10, closeAfterDays: 5, businessHours: null, emailAddress: 'not an address' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    const lead = await signIn('zhou.min@demo.test', 'staff-password-1');
    expect(await lead.invoke('ticketAdmin.saveType', { name: '投诉' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await lead.call('tickets.meta', {})).leadOf).toEqual([department.id]);

    // A ticket of that type and priority gets its due times from the type's targets.
    const { ticket } = await admin.call('tickets.create', { subject: '洗衣机不转', typeId: type.id, priority: 'high', departmentId: department.id });
    expect(ticket).not.toBeNull();
    const created = Date.parse(ticket!.createdAt);
    expect(Date.parse(ticket!.firstResponseDueAt!) - created).toBe(60 * MIN);
    expect(Date.parse(ticket!.resolutionDueAt!) - created).toBe(480 * MIN);

    // Within 30 minutes of the first-response target the lead's desktop hears a warning; past it, the breach.
    offset += 31 * MIN;
    await fixture.server.slaSweep.sweep();
    const warning = await waitUntil(() => lead.eventsOf('ticket.sla').find((n) => n.ticketId === ticket!.id), 'the warning on the lead’s desktop');
    expect(warning).toMatchObject({ number: ticket!.number, subject: '洗衣机不转', target: 'first_response', kind: 'warning', departmentId: department.id, dueAt: ticket!.firstResponseDueAt });

    offset += 30 * MIN;
    await fixture.server.slaSweep.sweep();
    await waitUntil(() => lead.eventsOf('ticket.sla').some((n) => n.kind === 'breach'), 'the breach on the lead’s desktop');
    expect(lead.eventsOf('ticket.sla').map((n) => `${n.ticketId}:${n.target}:${n.kind}`)).toEqual([
      `${ticket!.id}:first_response:warning`,
      `${ticket!.id}:first_response:breach`,
    ]);
    // Nobody assigned, so only the lead is told; the admin is neither assignee nor lead.
    expect(admin.eventsOf('ticket.sla')).toEqual([]);

    // The figures count the ticket; the CSV the desktop saves is the server's file.
    const period = { from: new Date(created - 86_400_000).toISOString(), to: new Date(created + 86_400_000).toISOString() };
    const figures = await admin.call('tickets.stats', { ...period, departmentId: department.id });
    expect(figures).toMatchObject({ scope: 'account', totals: { tickets: 1, slaBreached: 1 } });
    expect(figures.byDepartment).toEqual([expect.objectContaining({ id: department.id, name: '售后维修部', tickets: 1 })]);
    const file = await admin.call('tickets.statsCsv', { ...period, typeId: type.id });
    expect(file.filename).toMatch(/\.csv$/);
    expect(file.csv).toContain('售后维修部');
  });
});
