import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket, TicketEvent } from '../../shared/tickets';
import type { TicketMentionNotice } from '../../shared/tickets-admin';
import { closeAllSockets, connectAgent, connectVisitor, login, record, request, visitorSays, waitFor } from '../support/server-fixture';
import { bearer, createChannel, data, hubSignature, http, startChannelServer, type ChannelTestServer } from '../support/channels';
import { deliveriesDrained, webhooksProcessed } from '../support/barriers';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { WA_CUSTOMER, WA_PHONE_NUMBER_ID, waSent, waText } from '../support/platform-payloads';
import { databaseTargets } from '../support/databases';
import { orderEventSignature } from '../../server/domain/orders/order-events-signature';
import { createTicket, refusal, saveDepartment, saveType, signInStaff, ticketWithHistory } from '../support/ticket-desk';

const targets = await databaseTargets();

describe.each(targets)('tickets on the server on $label', (target) => {
  let t: ChannelTestServer;
  let wa: RecordingServer;
  let channelId: string;
  let conversationId: string;
  let li: Socket;
  let repairStaff: { id: string; socket: Socket };
  let billingStaff: { id: string; socket: Socket };
  let repairs: string;
  let billing: string;
  let repairType: string;
  let inbound = 0;

  /** What WhatsApp was asked to send to the customer, in order. */
  const sentToCustomer = () =>
    wa.requests.filter((r) => r.path.endsWith('/messages')).map((r) => (JSON.parse(r.body) as { to: string; text?: { body: string } }))
      .filter((m) => m.to === WA_CUSTOMER).map((m) => m.text?.body ?? '');

  async function customerWrites(body: string): Promise<void> {
    const payload = JSON.stringify(waText(`wamid.IN${++inbound}`, body));
    const answer = await http(`${t.server.url}/webhooks/whatsapp/${channelId}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(payload, 'app-secret') }, body: payload,
    });
    expect(answer.status).toBe(200);
    await webhooksProcessed(t.server);
  }

  beforeAll(async () => {
    wa = await startRecordingServer();
    let n = 0;
    wa.answer((r) => (r.path.endsWith('/messages') ? { json: waSent(`wamid.OUT${++n}`) } : undefined));
    t = await startChannelServer({}, target);
    const channel = await createChannel(t, {
      kind: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: WA_PHONE_NUMBER_ID, apiBaseUrl: `${wa.url}/wa` },
      secrets: { appSecret: 'app-secret', verifyToken: 'v', accessToken: 'x' },
    });
    channelId = channel.id;
    await customerWrites('我的咖啡机坏了，不能加热');
    conversationId = (await t.server.db.query<{ id: string }>('SELECT conversation_id AS id FROM messages WHERE client_id = $1', [`ch:${channelId}:wamid.IN1`]))[0]!.id;
    // 王芳 works on the customer's conversation.
    await t.server.db.query('UPDATE conversations SET assignee_id = $2, routing_state = $3 WHERE id = $1', [conversationId, t.agentId, 'assigned']);
    li = await connectAgent(t.server.url, (await login(t.server.url, 'li.lei@demo.test', 'demo-agent')).accessToken);
    repairStaff = await signInStaff(t.server.url, t.admin, { email: 'repairs@demo.test', name: '维修 小张' });
    billingStaff = await signInStaff(t.server.url, t.admin, { email: 'billing@demo.test', name: '财务 小李' });
    repairs = (await saveDepartment(t.admin, '维修部', [{ userId: repairStaff.id, isLead: true }])).id;
    billing = (await saveDepartment(t.admin, '财务部', [{ userId: billingStaff.id }])).id;
    repairType = (await saveType(t.admin, '维修', repairs)).id;
  });

  afterAll(async () => {
    closeAllSockets();
    await t?.close();
    await wa?.close();
  });

  it('a repair ticket from a WhatsApp conversation: the customer gets its number, a public reply and each status, never an internal comment', async () => {
    const mentions = record<TicketMentionNotice>(t.agent, 'ticket:mention');
    const staffHears = record<{ ticket: Ticket; event: TicketEvent | null }>(repairStaff.socket, 'ticket:changed');
    const firstMessage = (await t.server.db.query<{ id: string }>('SELECT id FROM messages WHERE conversation_id = $1 ORDER BY seq LIMIT 1', [conversationId]))[0]!.id;
    const ticket = await createTicket(t.agent, {
      subject: '咖啡机不加热', typeId: repairType, priority: 'high', conversationId, excerptMessageIds: [firstMessage],
      dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    expect(ticket).toMatchObject({ status: 'new', departmentId: repairs, source: 'agent', conversationIds: [conversationId], contactName: 'Sheena Nelson' });
    await waitFor(() => staffHears.some((p) => p.ticket.id === ticket.id), 'the department to hear of the new ticket');
    await deliveriesDrained(t.server);
    expect(sentToCustomer().at(-1)).toContain(`#${ticket.number}`);

    // The department member comments internally (mentioning the agent), replies publicly and solves it.
    const comment = data(await request<{ event: TicketEvent }>(repairStaff.socket, 'tickets:comment', {
      ticketId: ticket.id, body: '内部：需要寄回工厂检测', public: false, mentions: [t.agentId],
    })).event;
    expect(comment).toMatchObject({ kind: 'comment', public: false });
    await waitFor(() => mentions.find((m) => m.ticketId === ticket.id), 'the mention to reach the agent');
    const replied = data(await request<{ ticket: Ticket }>(repairStaff.socket, 'tickets:comment', { ticketId: ticket.id, body: '请把咖啡机寄到我们的维修中心。', public: true }));
    expect(replied.ticket.firstRespondedAt).not.toBeNull();
    // A public reply is screened like any reply: a blocked word keeps it from the customer.
    data(await request(t.admin, 'sensitive:save', { pattern: '私下转账', kind: 'word', action: 'block' }));
    expect(await refusal(repairStaff.socket, 'tickets:comment', { ticketId: ticket.id, body: '可以私下转账给我', public: true })).toBe('sensitive_blocked');
    data(await request(repairStaff.socket, 'tickets:update', { id: ticket.id, status: 'solved' }));
    await deliveriesDrained(t.server);

    const sent = sentToCustomer();
    expect(sent.some((body) => body.includes('请把咖啡机寄到我们的维修中心。') && body.includes(`#${ticket.number}`))).toBe(true);
    expect(sent.at(-1)).toContain(`#${ticket.number}`);
    expect(sent.at(-1)).toContain('已解决');
    expect(sent.join('\n')).not.toContain('内部');
    expect(sent.join('\n')).not.toContain('私下转账');

    const { events } = await ticketWithHistory(t.agent, ticket.id);
    expect(events.map((e) => e.kind)).toEqual(['created', 'excerpt', 'comment', 'reply', 'status']);
    expect(events.find((e) => e.kind === 'excerpt')!.data).toMatchObject({ messages: [{ body: '我的咖啡机坏了，不能加热' }] });
  });

  it('the wrong department and the wrong role are refused; staff cannot reach the inbox, conversations, contacts or admin', async () => {
    const liHears = record<{ ticket: Ticket }>(li, 'ticket:changed');
    const liTicks = record<{ seq: number }>(li, 'sync:tick');
    const billingHears = record<{ ticket: Ticket }>(billingStaff.socket, 'ticket:changed');
    const ticket = await createTicket(t.agent, { subject: '发票抬头错误', departmentId: billing, conversationId });
    await waitFor(() => billingHears.some((p) => p.ticket.id === ticket.id), 'the department to hear of the ticket');
    // Another agent hears only that the sequence moved on (their inbox sync stays gap-free), never the ticket.
    await waitFor(() => liTicks.some((tick) => tick.seq === ticket.seq), 'the tick of the ticket’s number');
    expect(liHears.filter((p) => p.ticket.id === ticket.id)).toEqual([]);
    for (const socket of [repairStaff.socket, li]) {
      expect(await refusal(socket, 'tickets:get', { id: ticket.id })).toBe('forbidden');
      expect(await refusal(socket, 'tickets:update', { id: ticket.id, status: 'solved' })).toBe('forbidden');
      expect(await refusal(socket, 'tickets:comment', { ticketId: ticket.id, body: 'x', public: false })).toBe('forbidden');
    }
    expect((await ticketWithHistory(billingStaff.socket, ticket.id)).ticket.id).toBe(ticket.id);
    // A plain member may not hand the ticket to someone else; staff may not open tickets elsewhere.
    expect(await refusal(billingStaff.socket, 'tickets:update', { id: ticket.id, assigneeId: t.agentId })).toBe('forbidden');
    expect(await refusal(billingStaff.socket, 'tickets:create', { subject: 'x', departmentId: repairs })).toBe('forbidden');
    expect(await refusal(billingStaff.socket, 'tickets:create', { subject: 'x', departmentId: billing, conversationId })).toBe('forbidden');
    expect(await refusal(t.agent, 'tickets:delete', { id: ticket.id })).toBe('forbidden');
    expect(await refusal(t.agent, 'tickets:admin:departments:save', { name: 'x', members: [] })).toBe('forbidden');
    for (const [name, payload] of [
      ['conversations:list', {}], ['messages:list', { conversationId }], ['sync:changes', { after: 0 }], ['contacts:profile', { contactId: ticket.contactId }],
      ['admin:team:get', {}], ['audit:list', {}], ['kb:admin:list', {}], ['note:add', { conversationId, body: 'x' }],
    ] as const) {
      expect(await refusal(billingStaff.socket, name, payload), name).toBe('forbidden');
    }
    const rest = await http(`${t.server.url}/api/kb/articles`, { headers: bearer((await login(t.server.url, 'billing@demo.test', 'staff-password-1')).accessToken) });
    expect(rest.status).toBe(403);
    // Their own list holds only their department's tickets.
    const listed = data(await request<{ tickets: Ticket[] }>(billingStaff.socket, 'tickets:list', { view: 'my_department' })).tickets;
    expect(listed.map((x) => x.id)).toEqual([ticket.id]);
  });

  it('deleting is for supervisors and admins, audited, and the ticket leaves every list', async () => {
    const ticket = await createTicket(t.agent, { subject: '重复工单', conversationId });
    expect(data(await request<{ deleted: boolean }>(t.admin, 'tickets:delete', { id: ticket.id })).deleted).toBe(true);
    expect(await refusal(t.agent, 'tickets:get', { id: ticket.id })).toBe('not_found');
    const all = data(await request<{ tickets: Ticket[] }>(t.admin, 'tickets:list', { view: 'all', limit: 200 })).tickets;
    expect(all.map((x) => x.id)).not.toContain(ticket.id);
    const audit = await t.server.db.query<{ action: string }>("SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id", [ticket.id]);
    expect(audit.map((a) => a.action)).toContain('ticket.delete');
  });

  it("the shop's systems open, read and comment on tickets with the signed API credential, and are refused without it", async () => {
    const minted = await http(`${t.server.url}/api/admin/order-events/secret`, { method: 'POST', headers: bearer(t.adminToken) });
    const { accountId, secret } = minted.json as { accountId: string; secret: string };
    const signed = (body: string) => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      return { 'content-type': 'application/json', 'x-switchboard-account': accountId, 'x-switchboard-timestamp': timestamp, 'x-switchboard-signature': orderEventSignature(secret, timestamp, body) };
    };
    const body = JSON.stringify({ subject: '退货申请 RMA-77', description: '客户在网站上申请退货', typeId: repairType, orderRef: 'SO-77' });
    expect((await http(`${t.server.url}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(401);
    expect((await http(`${t.server.url}/api/tickets`, { method: 'POST', headers: { ...signed(body), 'x-switchboard-signature': 'sha256=00' }, body })).status).toBe(401);
    // A desk sign-in is not the shop's credential either.
    expect((await http(`${t.server.url}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(t.adminToken) }, body })).status).toBe(401);

    const created = await http(`${t.server.url}/api/tickets`, { method: 'POST', headers: signed(body), body });
    expect(created.status).toBe(201);
    const ticket = (created.json as { ticket: Ticket }).ticket;
    expect(ticket).toMatchObject({ source: 'api', departmentId: repairs, orderRef: 'SO-77', status: 'new' });
    // The department sees it at once.
    expect(data(await request<{ tickets: Ticket[] }>(repairStaff.socket, 'tickets:list', { view: 'my_department' })).tickets.map((x) => x.id)).toContain(ticket.id);

    const comment = JSON.stringify({ body: '仓库已收到退货' });
    expect((await http(`${t.server.url}/api/tickets/${ticket.number}/comments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: comment })).status).toBe(401);
    expect((await http(`${t.server.url}/api/tickets/${ticket.number}/comments`, { method: 'POST', headers: signed(comment), body: comment })).status).toBe(201);
    data(await request(repairStaff.socket, 'tickets:comment', { ticketId: ticket.id, body: '内部备注：不要给商城看', public: false }));

    expect((await http(`${t.server.url}/api/tickets/${ticket.number}`)).status).toBe(401);
    const read = await http(`${t.server.url}/api/tickets/${ticket.number}`, { headers: signed('') });
    expect(read.status).toBe(200);
    const seen = read.json as { ticket: Ticket; events: TicketEvent[] };
    expect(seen.ticket.id).toBe(ticket.id);
    expect(seen.events.map((e) => [e.kind, e.actorType])).toEqual([['created', 'api'], ['comment', 'api']]);
    expect(seen.events[0]!.body).toBe('客户在网站上申请退货');
    expect(JSON.stringify(seen)).not.toContain('不要给商城看');
    expect((await http(`${t.server.url}/api/tickets/99999`, { headers: signed('') })).status).toBe(404);
    // The API's own comment is in the desk's history.
    const history = await ticketWithHistory(repairStaff.socket, ticket.id);
    expect(history.events.find((e) => e.actorType === 'api' && e.kind === 'comment')?.body).toBe('仓库已收到退货');
  });

  it('a retried create or comment is stored once; bulk changes list what they refused; the cache catches up from a sequence number', async () => {
    const { cursor: start } = data(await request<{ cursor: number }>(billingStaff.socket, 'tickets:changes', { after: 0 }));
    const clientId = `create-${Date.now()}`;
    const first = await createTicket(t.agent, { subject: '发票重开', departmentId: billing, conversationId, clientId });
    const again = await createTicket(t.agent, { subject: '发票重开', departmentId: billing, conversationId, clientId });
    expect(again.id).toBe(first.id);
    const commentId = `comment-${Date.now()}`;
    const one = data(await request<{ event: TicketEvent }>(billingStaff.socket, 'tickets:comment', { ticketId: first.id, body: '已开票', public: false, clientId: commentId })).event;
    const two = data(await request<{ event: TicketEvent }>(billingStaff.socket, 'tickets:comment', { ticketId: first.id, body: '已开票', public: false, clientId: commentId })).event;
    expect(two.id).toBe(one.id);
    expect((await ticketWithHistory(t.agent, first.id)).events.filter((e) => e.kind === 'comment')).toHaveLength(1);

    const other = await createTicket(t.agent, { subject: '维修进度', departmentId: repairs, conversationId });
    const bulk = data(await request<{ updated: number; refused: { id: string; code: string }[] }>(billingStaff.socket, 'tickets:bulk', {
      ids: [first.id, other.id], assigneeId: billingStaff.id, status: 'in_progress',
    }));
    expect(bulk).toEqual({ updated: 1, refused: [{ id: other.id, code: 'forbidden' }] });
    const mine = data(await request<{ tickets: Ticket[] }>(billingStaff.socket, 'tickets:list', { view: 'mine' })).tickets;
    expect(mine.map((x) => [x.id, x.status])).toEqual([[first.id, 'in_progress']]);
    const audit = await t.server.db.query<{ action: string }>('SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id', [first.id]);
    expect(audit.map((a) => a.action)).toEqual(['ticket.assign', 'ticket.status']);

    // Offline and back: the department member's cache learns of its tickets (never the repair department's) and their history.
    const changes = data(await request<{ tickets: Ticket[]; events: TicketEvent[]; cursor: number }>(billingStaff.socket, 'tickets:changes', { after: start }));
    expect(changes.tickets.map((x) => x.id)).toEqual([first.id]);
    expect(changes.events.map((e) => e.kind)).toEqual(['created', 'comment', 'assigned', 'status']);
    expect(changes.cursor).toBeGreaterThan(start);
    const nothing = data(await request<{ tickets: Ticket[]; events: TicketEvent[] }>(billingStaff.socket, 'tickets:changes', { after: changes.cursor }));
    expect(nothing.tickets).toEqual([]);
    // Page by page (one ticket each), no history line is lost, even of a ticket that changed again later.
    const second = await createTicket(t.agent, { subject: '第二张发票', departmentId: billing, conversationId });
    data(await request(billingStaff.socket, 'tickets:comment', { ticketId: first.id, body: '客户已确认', public: false }));
    data(await request(billingStaff.socket, 'tickets:comment', { ticketId: second.id, body: '抬头待确认', public: false }));
    let after = changes.cursor;
    const paged: TicketEvent[] = [];
    for (let pages = 0; pages < 10; pages += 1) {
      const page = data(await request<{ tickets: Ticket[]; events: TicketEvent[]; cursor: number }>(billingStaff.socket, 'tickets:changes', { after, limit: 1 }));
      paged.push(...page.events);
      if (page.tickets.length === 0) break;
      after = page.cursor;
    }
    expect(new Set(paged.map((e) => e.id)).size).toBe(paged.length);
    expect(paged.map((e) => [e.ticketId, e.kind])).toEqual([[second.id, 'created'], [first.id, 'comment'], [second.id, 'comment']]);
  });

  it('admins set up departments, types and ticket settings, audited; due times come from the SLA targets', async () => {
    const renamed = data(await request<{ department: { id: string; name: string; members: unknown[] } }>(t.admin, 'tickets:admin:departments:save', {
      id: billing, name: '财务与发票', members: [{ userId: billingStaff.id, isLead: true }, { userId: t.agentId }],
    })).department;
    expect(renamed).toMatchObject({ id: billing, name: '财务与发票', members: [{ userId: billingStaff.id, isLead: true }, { userId: t.agentId, isLead: false }].sort((a, b) => a.userId.localeCompare(b.userId)) });
    expect(await refusal(t.admin, 'tickets:admin:departments:save', { name: '维修部', members: [] })).toBe('conflict');
    const meta = data(await request<{ departments: { id: string }[]; myDepartmentIds: string[]; leadOf: string[] }>(billingStaff.socket, 'tickets:meta', {}));
    expect(meta).toMatchObject({ myDepartmentIds: [billing], leadOf: [billing] });
    const type = data(await request<{ type: { id: string; name: string } }>(t.admin, 'tickets:admin:types:save', { name: '投诉', defaultDepartmentId: billing })).type;
    const settings = data(await request<{ settings: unknown }>(t.admin, 'tickets:admin:settings', {
      save: { reopenDays: 10, closeAfterDays: 20, businessHours: null, emailAddress: 'Tickets@Shop.example' },
    })).settings;
    expect(settings).toEqual({ reopenDays: 10, closeAfterDays: 20, businessHours: null, emailAddress: 'tickets@shop.example' });
    expect(await refusal(t.agent, 'tickets:admin:settings', {})).toBe('forbidden');
    const audit = await t.server.db.query<{ action: string }>("SELECT action FROM audit_log WHERE target_type IN ('department', 'ticket_type', 'ticket_settings') ORDER BY id");
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['department.create', 'department.update', 'ticket_type.create', 'settings.update']));

    // A two-hour first response and a day to solve for complaints at high priority.
    await t.server.db.query(
      "INSERT INTO ticket_sla_targets (id, account_id, type_id, priority, first_response_minutes, resolution_minutes) VALUES ('sla-1', $1, $2, 'high', 120, 1440)",
      [t.accountId, type.id],
    );
    const before = Date.now();
    const complaint = await createTicket(t.agent, { subject: '快递员态度差', typeId: type.id, priority: 'high', conversationId });
    expect(complaint.departmentId).toBe(billing);
    const firstDue = new Date(complaint.firstResponseDueAt!).getTime();
    expect(firstDue).toBeGreaterThanOrEqual(before + 119 * 60_000);
    expect(firstDue).toBeLessThanOrEqual(Date.now() + 120 * 60_000);
    expect(new Date(complaint.resolutionDueAt!).getTime() - firstDue).toBeGreaterThanOrEqual(1320 * 60_000 - 60_000);
    expect(complaint.sla).toBe('ok');
  });

  it('a widget customer sees their open tickets and adds information; another customer cannot reach them', async () => {
    const visitor = await connectVisitor(t.server.url, { name: '网页顾客' });
    const { conversationId: chat } = await visitorSays(t.server, { socket: visitor.socket, contactId: visitor.session.contactId }, '我要开发票');
    await t.server.db.query("UPDATE conversations SET assignee_id = $2, routing_state = 'assigned' WHERE id = $1", [chat, t.agentId]);
    const ticket = await createTicket(t.agent, { subject: '开具增值税发票', conversationId: chat });
    data(await request(t.agent, 'tickets:update', { id: ticket.id, status: 'waiting_on_customer' }));
    const listed = data(await request<{ tickets: { number: number; subject: string; status: string }[] }>(visitor.socket, 'visitor:tickets', {})).tickets;
    expect(listed).toEqual([expect.objectContaining({ number: ticket.number, subject: '开具增值税发票', status: 'waiting_on_customer' })]);

    const added = data(await request<{ ticket: { status: string } }>(visitor.socket, 'visitor:ticket:add', { number: ticket.number, body: '税号 91310000MA1K' })).ticket;
    expect(added.status).toBe('open');
    const { events } = await ticketWithHistory(t.agent, ticket.id);
    expect(events.slice(-2).map((e) => [e.kind, e.actorType, e.body])).toEqual([
      ['customer_message', 'contact', '税号 91310000MA1K'], ['status', 'contact', ''],
    ]);

    const stranger = await connectVisitor(t.server.url, { name: '路人' });
    expect(data(await request<{ tickets: unknown[] }>(stranger.socket, 'visitor:tickets', {})).tickets).toEqual([]);
    expect(await refusal(stranger.socket, 'visitor:ticket:add', { number: ticket.number, body: '我也要' })).toBe('not_found');
  });
});
