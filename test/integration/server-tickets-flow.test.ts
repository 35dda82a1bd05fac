import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket, TicketEvent } from '../../shared/tickets';
import { closeAllSockets, request, waitFor } from '../support/server-fixture';
import { createChannel, data, hubSignature, http, startChannelServer, type ChannelTestServer } from '../support/channels';
import { deliveriesDrained, webhooksProcessed } from '../support/barriers';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { WA_CUSTOMER, WA_PHONE_NUMBER_ID, waSent, waText } from '../support/platform-payloads';
import { databaseTargets } from '../support/databases';
import { startSmtpRecorder, type SmtpRecorder } from '../support/smtp-recorder';
import { createTicket, ticketWithHistory } from '../support/ticket-desk';

const targets = await databaseTargets();
const DAY = 86_400_000;

describe.each(targets)('a ticket lives on by itself: reopen, auto-close, left messages on $label', (target) => {
  let t: ChannelTestServer;
  let wa: RecordingServer;
  let smtp: SmtpRecorder;
  let channelId: string;
  let inbound = 0;
  let now = Date.now();

  const sentTo = (phone: string) =>
    wa.requests.filter((r) => r.path.endsWith('/messages')).map((r) => JSON.parse(r.body) as { to: string; text?: { body: string } })
      .filter((m) => m.to === phone).map((m) => m.text?.body ?? '');

  async function customerWrites(body: string, from = WA_CUSTOMER, name?: string): Promise<string> {
    const id = `wamid.IN${++inbound}`;
    const payload = JSON.stringify(waText(id, body, from, name));
    const answer = await http(`${t.server.url}/webhooks/whatsapp/${channelId}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(payload, 'app-secret') }, body: payload,
    });
    expect(answer.status).toBe(200);
    await webhooksProcessed(t.server);
    return (await t.server.db.query<{ id: string }>('SELECT conversation_id AS id FROM messages WHERE client_id = $1', [`ch:${channelId}:${id}`]))[0]!.id;
  }

  beforeAll(async () => {
    wa = await startRecordingServer();
    let n = 0;
    wa.answer((r) => (r.path.endsWith('/messages') ? { json: waSent(`wamid.OUT${++n}`) } : undefined));
    smtp = await startSmtpRecorder();
    t = await startChannelServer({ clock: () => now, smtp: { port: 0 } }, target);
    const channel = await createChannel(t, {
      kind: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: WA_PHONE_NUMBER_ID, apiBaseUrl: `${wa.url}/wa` },
      secrets: { appSecret: 'app-secret', verifyToken: 'v', accessToken: 'x' },
    });
    channelId = channel.id;
    await createChannel(t, { kind: 'email', name: 'Support mail', config: { address: 'help@shop.example', smtp: { host: '127.0.0.1', port: smtp.port } } });
  });

  afterAll(async () => {
    closeAllSockets();
    await t?.close();
    await wa?.close();
    await smtp?.close();
  });

  it('the customer writing again within the reopen window reopens a solved ticket; solved tickets close after the set days', async () => {
    const conversationId = await customerWrites('订单 #1042 的退款还没到账');
    await t.server.db.query("UPDATE conversations SET assignee_id = $2, routing_state = 'assigned' WHERE id = $1", [conversationId, t.agentId]);
    data(await request(t.admin, 'tickets:admin:settings', { save: { reopenDays: 3, closeAfterDays: 5, businessHours: null, emailAddress: null } }));
    const ticket = await createTicket(t.agent, { subject: '退款未到账', conversationId });
    data(await request(t.agent, 'tickets:update', { id: ticket.id, status: 'solved' }));

    now += 2 * DAY;
    await customerWrites('还是没有收到退款');
    const reopened = await waitFor(async () => {
      const seen = await ticketWithHistory(t.agent, ticket.id);
      return seen.ticket.status === 'open' ? seen : undefined;
    }, 'the ticket to reopen');
    expect(reopened.ticket.reopenedCount).toBe(1);
    expect(reopened.events.slice(-2).map((e) => [e.kind, e.actorType])).toEqual([['customer_message', 'contact'], ['reopened', 'contact']]);
    expect(reopened.events.at(-2)!.body).toBe('还是没有收到退款');
    await deliveriesDrained(t.server);
    expect(sentTo(WA_CUSTOMER).at(-1)).toContain(`#${ticket.number}`);

    // Solved again, nobody writes: after five days the sweep closes it (and not a day before).
    data(await request(t.agent, 'tickets:update', { id: ticket.id, status: 'solved' }));
    now += 4 * DAY;
    await t.server.tickets.sweep();
    expect((await ticketWithHistory(t.agent, ticket.id)).ticket.status).toBe('solved');
    now += 1 * DAY + 60_000;
    await t.server.tickets.sweep();
    const closed = await ticketWithHistory(t.agent, ticket.id);
    expect(closed.ticket.status).toBe('closed');
    expect(closed.events.at(-1)).toMatchObject({ kind: 'status', actorType: 'system', data: { from: 'solved', to: 'closed' } });

    // A closed ticket stays closed when the customer writes again: a new problem is a new ticket.
    await customerWrites('谢谢');
    await t.server.tickets.sweep();
    expect((await ticketWithHistory(t.agent, ticket.id)).ticket.status).toBe('closed');
  });

  it('a message left while nobody can answer becomes one ticket, and the customer hears its number once', async () => {
    const phone = '8613800001111';
    // Nobody at work: the only agent stepped away.
    data(await request(t.agent, 'presence:set', { presence: 'away' }));
    const conversationId = await customerWrites('周末有人吗？我想换货', phone, '周末顾客');
    const left = await t.server.db.query<{ left_message: boolean }>('SELECT left_message FROM conversations WHERE id = $1', [conversationId]);
    expect(left[0]!.left_message).toBe(true);
    await t.server.tickets.sweep();
    const ticket = (await t.server.db.query<{ id: string }>(
      "SELECT t.id FROM tickets t JOIN ticket_conversations tc ON tc.ticket_id = t.id WHERE tc.conversation_id = $1 AND t.source = 'left_message'", [conversationId],
    ))[0]!;
    expect(ticket).toBeDefined();
    await customerWrites('尺码要换成 42', phone);
    await t.server.tickets.sweep();
    await t.server.tickets.sweep();
    const tickets = await t.server.db.query("SELECT 1 FROM tickets t JOIN ticket_conversations tc ON tc.ticket_id = t.id WHERE tc.conversation_id = $1", [conversationId]);
    expect(tickets).toHaveLength(1);
    const seen = await ticketWithHistory(t.admin, ticket.id);
    expect(seen.ticket).toMatchObject({ source: 'left_message', subject: '周末有人吗？我想换货', contactName: '周末顾客', status: 'new' });
    expect(seen.events.map((e: TicketEvent) => e.kind)).toEqual(['created', 'customer_message']);
    await deliveriesDrained(t.server);
    // Told that their message is kept, then the ticket's number: once, however often the sweep runs.
    const number = (seen.ticket as Ticket).number;
    expect(sentTo(phone)).toHaveLength(2);
    expect(sentTo(phone)[0]).not.toContain(`#${number}`);
    expect(sentTo(phone)[1]).toContain(`您的工单已创建，编号 #${number}`);
    // The conversation still waits for an agent: the notice is not an answer.
    const waiting = await t.server.db.query<{ status: string; left_message: boolean }>('SELECT status, left_message FROM conversations WHERE id = $1', [conversationId]);
    expect(waiting[0]).toMatchObject({ status: 'open', left_message: true });
  });

  it('a mail to the ticket address opens a ticket from its subject and text; the sender is answered with its number by email', async () => {
    data(await request(t.admin, 'tickets:admin:settings', { save: { reopenDays: 3, closeAfterDays: 5, businessHours: null, emailAddress: 'tickets@shop.example' } }));
    const mailer = nodemailer.createTransport({ host: '127.0.0.1', port: t.server.channels.smtpPort!, secure: false, ignoreTLS: true });
    await mailer.sendMail({
      envelope: { from: 'kim@example.com', to: 'tickets@shop.example' },
      raw: 'From: Kim <kim@example.com>\r\nTo: tickets@shop.example\r\nSubject: Invoice for order 1042\r\nMessage-ID: <t-1@example.com>\r\n\r\nPlease send me a VAT invoice.\r\n',
    });
    const ticket = await waitFor(async () => (await t.server.db.query<{ id: string; number: number; subject: string }>("SELECT id, number, subject FROM tickets WHERE source = 'email'"))[0], 'the email ticket');
    expect(ticket.subject).toBe('Invoice for order 1042');
    const seen = await ticketWithHistory(t.admin, ticket.id);
    expect(seen.ticket).toMatchObject({ source: 'email', status: 'new' });
    expect(seen.events[0]).toMatchObject({ kind: 'created', body: 'Please send me a VAT invoice.' });
    await deliveriesDrained(t.server);
    const answer = await waitFor(() => smtp.mails.find((m) => (m.parsed.text ?? '').includes(`#${ticket.number}`)), 'the email with the ticket number');
    expect(answer.parsed.to).toBeDefined();
    expect(JSON.stringify(answer.parsed.to)).toContain('kim@example.com');
    // Mail to the channel's own mailbox is a conversation, not a ticket.
    await mailer.sendMail({
      envelope: { from: 'lee@example.com', to: 'help@shop.example' },
      raw: 'From: lee@example.com\r\nTo: help@shop.example\r\nSubject: Hello\r\nMessage-ID: <c-1@example.com>\r\n\r\nJust a question\r\n',
    });
    await t.server.tickets.sweep();
    expect(await t.server.db.query("SELECT 1 FROM tickets WHERE source = 'email'")).toHaveLength(1);
  });

  it('writing in a new conversation within the window reopens the customer’s solved ticket and links the conversation', async () => {
    const phone = '8613900002222';
    const first = await customerWrites('洗衣机漏水', phone, '回头客');
    await t.server.db.query("UPDATE conversations SET assignee_id = $2, routing_state = 'assigned' WHERE id = $1", [first, t.agentId]);
    const ticket = await createTicket(t.agent, { subject: '洗衣机漏水', conversationId: first });
    data(await request(t.agent, 'tickets:update', { id: ticket.id, status: 'solved' }));
    data(await request(t.agent, 'conversation:resolve', { conversationId: first }));
    now += DAY;
    const second = await customerWrites('又开始漏水了', phone);
    expect(second).not.toBe(first);
    await t.server.tickets.sweep();
    const seen = await ticketWithHistory(t.admin, ticket.id);
    expect(seen.ticket.status).toBe('open');
    expect([...seen.ticket.conversationIds].sort()).toEqual([first, second].sort());
    expect(seen.events.slice(-3).map((e) => e.kind)).toEqual(['linked', 'customer_message', 'reopened']);
    // The new conversation is the ticket's, not a second ticket.
    expect(await t.server.db.query('SELECT 1 FROM ticket_conversations WHERE conversation_id = $1', [second])).toHaveLength(1);
  });
});
