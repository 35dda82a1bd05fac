import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { User } from '../../../shared/domain';
import { ManualClock } from '../testing/manual-clock';
import { aTicket, aTicketEvent, FakeTicketServer, memoryTicketCache } from '../testing/ticket-fixtures';
import { TicketsService } from './tickets-service';

const wang: User = { id: 'u1', accountId: 'a1', name: 'Wang Fang', email: 'wang@demo.test', role: 'agent' };

async function setup(options: { clock?: ManualClock } = {}) {
  const cache = await memoryTicketCache();
  const server = new FakeTicketServer();
  const events: { name: string; payload: unknown }[] = [];
  const service = new TicketsService(cache, server, (name, payload) => events.push({ name, payload }), () => wang, { clock: options.clock ?? new ManualClock() });
  return { cache, server, service, events };
}

describe('the ticket cache', () => {
  it('stores every ticket and its history on the first sync, and opens them offline', async () => {
    const { server, service } = await setup();
    server.change(aTicket({ id: 't1', number: 1, subject: '维修 blender' }), aTicketEvent({ id: 'e1', ticketId: 't1', kind: 'created', body: '' }));
    server.change(aTicket({ id: 't2', number: 2, subject: 'Refund' }), aTicketEvent({ id: 'e2', ticketId: 't2', body: 'Warehouse checks the parcel' }));
    await service.resume();

    server.online = false;
    const { tickets } = await service.list({ view: 'all' });
    expect(tickets.map((t) => t.subject).sort()).toEqual(['Refund', '维修 blender']);
    const opened = await service.get('t2');
    expect(opened.history).toMatchObject([{ id: 'e2', body: 'Warehouse checks the parcel', delivery: 'sent' }]);
  });

  it('syncs again from its stored cursor, fetching only what changed since', async () => {
    const { server, service } = await setup();
    server.change(aTicket({ id: 't1' }));
    await service.resume();
    server.change(aTicket({ id: 't2', number: 2 }));
    await service.resume();
    const asked = server.calls.filter((c) => c.name === 'tickets:changes').map((c) => (c.payload as { after: number }).after);
    expect(asked).toEqual([0, 1]);
    expect((await service.list({ view: 'all' })).tickets.map((t) => t.id).sort()).toEqual(['t1', 't2']);
  });

  it('answers the saved filters from the cache: mine, my department, unassigned and breaching', async () => {
    const clock = new ManualClock(Date.parse('2026-01-01T12:00:00Z'));
    const { server, service } = await setup({ clock });
    server.change(aTicket({ id: 'mine', assigneeId: 'u1', departmentId: 'd2' }));
    server.change(aTicket({ id: 'dept', assigneeId: 'u9', departmentId: 'd1' }));
    server.change(aTicket({ id: 'free', departmentId: 'd3' }));
    // The server said ok, but its resolution target passed while this desktop was away.
    server.change(aTicket({ id: 'late', assigneeId: 'u9', sla: 'ok', resolutionDueAt: '2026-01-01T11:00:00Z' }));
    await service.resume();
    server.online = false;
    const ids = async (view: 'mine' | 'my_department' | 'unassigned' | 'breaching') => (await service.list({ view })).tickets.map((t) => t.id);
    expect(await ids('mine')).toEqual(['mine']);
    expect(await ids('my_department')).toEqual(['dept']);
    expect(await ids('unassigned')).toEqual(['free']);
    expect(await ids('breaching')).toEqual(['late']);
    expect((await service.list({ view: 'breaching' })).tickets[0]!.sla).toBe('breached');
  });

  it('syncs again from nothing after a new role, keeping what waits to be sent', async () => {
    const { server, service } = await setup();
    server.change(aTicket({ id: 't1' }));
    await service.resume();
    server.online = false;
    await service.comment({ ticketId: 't1', body: 'still mine to send', public: false });
    server.online = true;
    // The server no longer shows t1 to this user, and the outbox answer is refused meanwhile.
    server.tickets.clear();
    server.refuseNext('tickets:comment', 'timeout');
    service.sync.startOver();
    await service.resume();
    expect((await service.list({ view: 'all' })).tickets).toEqual([]);
    expect(server.calls.filter((c) => c.name === 'tickets:changes').map((c) => (c.payload as { after: number }).after)).toEqual([0, 0]);
    expect(await service.outbox.pending('t1')).toMatchObject([{ body: 'still mine to send', delivery: 'queued' }]);
  });

  it('keeps subjects, names and comments sealed on disk', async () => {
    const { cache, server, service } = await setup();
    server.change(aTicket({ id: 't1', subject: '退款 张伟', contactName: '张伟' }), aTicketEvent({ id: 'e1', ticketId: 't1', body: '手机 13812345678' }));
    await service.resume();
    await service.saveDraft('t1', '草稿 13812345678', false);
    const raw = JSON.stringify([...(await cache.db.all('SELECT * FROM tickets')), ...(await cache.db.all('SELECT * FROM ticket_events'))]);
    const drafts = JSON.stringify(await cache.db.all('SELECT * FROM ticket_drafts'));
    expect(raw).not.toContain('张伟');
    expect(raw).not.toContain('13812345678');
    expect(drafts).not.toContain('13812345678');
  });

  it('keeps the newer copy when a push and a page arrive out of order, and drops a deleted ticket', async () => {
    const { service, events } = await setup();
    await service.onChanged(aTicket({ id: 't1', seq: 5, status: 'in_progress' }), null);
    await service.onChanged(aTicket({ id: 't1', seq: 3, status: 'open' }), null);
    expect((await service.list({ view: 'all' })).tickets[0]!.status).toBe('in_progress');
    await service.onChanged(aTicket({ id: 't1', seq: 6 }), aTicketEvent({ id: 'e9', ticketId: 't1', kind: 'deleted', seq: 6 }));
    expect((await service.list({ view: 'all' })).tickets).toEqual([]);
    expect(events.some((e) => e.name === 'ticket.removed')).toBe(true);
  });
});

describe('comments and new tickets through the ticket outbox', () => {
  it('queues a comment written offline, shows it waiting, and sends it once when back online', async () => {
    const { server, service } = await setup();
    server.change(aTicket({ id: 't1' }));
    await service.resume();
    server.online = false;

    const written = await service.comment({ ticketId: 't1', body: '@Li please check the motor', public: false, mentions: ['u2'] });
    expect(written).toMatchObject({ delivery: 'queued', public: false, body: '@Li please check the motor' });
    expect((await service.get('t1')).history).toMatchObject([{ delivery: 'queued', body: '@Li please check the motor' }]);

    server.online = true;
    await service.resume();
    await service.resume();
    expect(server.count('tickets:comment')).toBe(1);
    const { history } = await service.get('t1');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ delivery: 'sent', body: '@Li please check the motor', clientId: written.clientId });
  });

  it('sends a comment again under the same client id when the answer was lost, and it is stored once', async () => {
    const { server, service } = await setup();
    server.change(aTicket({ id: 't1' }));
    await service.resume();
    let lost = true;
    server.on('tickets:comment', (payload) => {
      const answer = server.store('tickets:comment', payload);
      if (lost) {
        lost = false;
        throw new AppError('timeout', 'no answer in time');
      }
      return answer;
    });
    const written = await service.comment({ ticketId: 't1', body: 'Replacement sent', public: true });
    expect(written.delivery).toBe('queued');
    await service.outbox.flush();
    const clientIds = server.calls.filter((c) => c.name === 'tickets:comment').map((c) => (c.payload as { clientId: string }).clientId);
    expect(clientIds).toEqual([written.clientId, written.clientId]);
    expect(server.events.filter((e) => e.body === 'Replacement sent')).toHaveLength(1);
    expect((await service.get('t1')).history.map((h) => h.delivery)).toEqual(['sent']);
  });

  it('puts a refused comment back into the comment box with the reason, and nothing stays queued', async () => {
    const { server, service } = await setup();
    server.change(aTicket({ id: 't1' }));
    await service.resume();
    await service.saveDraft('t1', 'Customer agreed to a refund', true);
    server.refuseNext('tickets:comment', 'forbidden');

    await expect(service.comment({ ticketId: 't1', body: 'Customer agreed to a refund', public: true })).rejects.toMatchObject({ code: 'forbidden' });
    const { history, draft } = await service.get('t1');
    expect(history).toEqual([]);
    expect(draft).toMatchObject({ body: 'Customer agreed to a refund', public: true, reason: { code: 'forbidden' } });
  });

  it('sends comments written offline in the order written; one refused on the way comes back ahead of what is typed', async () => {
    const { server, service, events } = await setup();
    server.change(aTicket({ id: 't1' }));
    await service.resume();
    server.online = false;
    await service.comment({ ticketId: 't1', body: 'first', public: false });
    await service.comment({ ticketId: 't1', body: 'second (refused)', public: true });
    await service.comment({ ticketId: 't1', body: 'third', public: false });
    await service.saveDraft('t1', 'typing now', false);

    server.online = true;
    let n = 0;
    server.on('tickets:comment', (payload) => {
      n++;
      if (n === 2) throw new AppError('forbidden', 'replies to this customer are closed');
      return server.store('tickets:comment', payload);
    });
    await service.resume();
    expect(server.calls.filter((c) => c.name === 'tickets:comment').map((c) => (c.payload as { body: string }).body)).toEqual(['first', 'second (refused)', 'third']);
    const { history, draft } = await service.get('t1');
    expect(history.map((h) => [h.body, h.delivery])).toEqual([['first', 'sent'], ['third', 'sent']]);
    expect(draft).toMatchObject({ body: 'second (refused)\n\ntyping now', public: true, reason: { code: 'forbidden' } });
    expect(events.filter((e) => e.name === 'ticket.draft').at(-1)?.payload).toMatchObject({ ticketId: 't1', draft: { body: 'second (refused)\n\ntyping now' } });
  });

  it('keeps a ticket created offline as waiting and creates it once when back online', async () => {
    const { server, service } = await setup();
    server.online = false;
    const made = await service.create({
      subject: 'Blender makes noise', typeId: null, priority: 'high', departmentId: null, assigneeId: null, dueAt: null,
      conversationId: 'c1', excerptMessageIds: ['m1'], contactId: null, orderRef: null,
    });
    expect(made.ticket).toBeNull();
    expect((await service.list({ view: 'all' })).pending).toMatchObject([{ subject: 'Blender makes noise', delivery: 'queued' }]);

    server.online = true;
    await service.resume();
    await service.resume();
    expect(server.count('tickets:create')).toBe(1);
    expect(server.calls.find((c) => c.name === 'tickets:create')?.payload).toMatchObject({ clientId: made.clientId, excerptMessageIds: ['m1'], conversationId: 'c1' });
    const listed = await service.list({ view: 'all' });
    expect(listed.pending).toEqual([]);
    expect(listed.tickets).toMatchObject([{ subject: 'Blender makes noise', priority: 'high' }]);
  });

  it('throws a refused create at once and keeps nothing queued', async () => {
    const { server, service } = await setup();
    server.refuseNext('tickets:create', 'forbidden');
    await expect(
      service.create({ subject: 'Invoice', typeId: null, priority: 'normal', departmentId: null, assigneeId: null, dueAt: null, conversationId: 'c1', excerptMessageIds: [], contactId: null, orderRef: null }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect((await service.list({ view: 'all' })).pending).toEqual([]);
  });

  it('drops a deleted ticket from the cache at once', async () => {
    const { server, service } = await setup();
    server.change(aTicket({ id: 't1' }));
    await service.resume();
    server.on('tickets:delete', () => ({ deleted: true }));
    expect(await service.delete('t1')).toEqual({ deleted: true });
    expect((await service.list({ view: 'all' })).tickets).toEqual([]);
  });

  it('drops a ticket the server says is gone when it is opened or commented on, keeping the text', async () => {
    const { cache, server, service } = await setup();
    server.change(aTicket({ id: 't1' }));
    server.change(aTicket({ id: 't2', number: 2 }));
    await service.resume();
    server.tickets.clear();
    await expect(service.get('t1')).rejects.toMatchObject({ code: 'not_found' });
    server.refuseNext('tickets:comment', 'not_found');
    await expect(service.comment({ ticketId: 't2', body: 'kept words', public: false })).rejects.toMatchObject({ code: 'not_found' });
    expect((await service.list({ view: 'all' })).tickets).toEqual([]);
    expect(await cache.draft('t2')).toMatchObject({ body: 'kept words', reason: { code: 'not_found' } });
  });

  it('refuses field changes offline with a stable code', async () => {
    const { server, service } = await setup();
    server.change(aTicket({ id: 't1' }));
    await service.resume();
    server.online = false;
    await expect(service.update({ id: 't1', status: 'solved' })).rejects.toMatchObject({ code: 'offline' });
  });
});
