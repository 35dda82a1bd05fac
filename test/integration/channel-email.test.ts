import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelView } from '../../shared/channels';
import { closeAllSockets, request } from '../support/server-fixture';
import { countRows, createChannel, data, reply, startChannelServer, threadOf, waitForDelivery, type ChannelTestServer } from '../support/channels';
import { deliveriesDrained } from '../support/barriers';
import { startSmtpRecorder, type SmtpRecorder } from '../support/smtp-recorder';
import { databaseTargets } from '../support/databases';

const MAILBOX = 'support@shop.example';
const CUSTOMER = 'lena.park@example.com';

/** An email as a mail server hands it on (RFC 5322, CRLF line ends). */
function mail(lines: string[]): string {
  return `${lines.join('\r\n')}\r\n`;
}

const targets = await databaseTargets();

describe.each(targets)('email channel (SMTP in, SMTP out) on $label', (target) => {
  let t: ChannelTestServer;
  let outbound: SmtpRecorder;
  let channel: ChannelView;

  /** Hands a raw email to the server's SMTP listener, as the shop's mail server would. */
  const receive = (raw: string, to = MAILBOX, from = CUSTOMER) =>
    nodemailer
      .createTransport({ host: '127.0.0.1', port: t.server.channels.smtpPort!, secure: false, ignoreTLS: true })
      .sendMail({ envelope: { from, to }, raw });
  const conversationOf = async (messageId: string) =>
    (await t.server.db.query<{ conversation_id: string }>('SELECT conversation_id FROM messages WHERE client_id = $1', [`ch:${channel.id}:${messageId}`]))[0]
      ?.conversation_id;
  const messageCount = () => countRows(t, 'SELECT count(*)::int AS n FROM messages');

  beforeAll(async () => {
    outbound = await startSmtpRecorder();
    t = await startChannelServer({ smtp: { port: 0 } }, target);
    channel = await createChannel(t, {
      kind: 'email', name: 'Email',
      config: { address: MAILBOX, fromName: 'Shop Support', smtp: { host: '127.0.0.1', port: outbound.port, user: 'shop' }, trustSenderAddress: true },
      secrets: { smtpPassword: 'smtp-password' },
    });
  });

  afterAll(async () => {
    closeAllSockets();
    await t?.close();
    await outbound?.close();
  });

  it('stores a plain-text email with its sender as the contact', async () => {
    await receive(mail([
      `From: Lena Park <${CUSTOMER}>`, `To: ${MAILBOX}`, 'Subject: Order 10002 arrived damaged',
      'Message-ID: <CAFirst001@mail.example.com>', 'Date: Mon, 20 Oct 2025 09:15:00 +0000', 'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8', '', 'Hello,', '', 'the vase in order 10002 arrived broken.', '', 'Lena',
    ]));
    const conversationId = await conversationOf('<CAFirst001@mail.example.com>');
    const [message] = await threadOf(t.agent, conversationId!);
    expect(message).toMatchObject({ senderType: 'contact', senderName: 'Lena Park', body: 'Hello,\n\nthe vase in order 10002 arrived broken.\n\nLena' });
    const contact = await t.server.db.query<{ email: string }>(
      'SELECT c.email FROM contacts c JOIN contact_identities i ON i.contact_id = c.id WHERE i.channel_id = $1 AND i.external_id = $2', [channel.id, CUSTOMER],
    );
    expect(contact[0]?.email).toBe(CUSTOMER);
  });

  it('stores the same Message-ID once when the mail server delivers it again', async () => {
    const before = await messageCount();
    await receive(mail([
      `From: ${CUSTOMER}`, `To: ${MAILBOX}`, 'Subject: Order 10002 arrived damaged', 'Message-ID: <CAFirst001@mail.example.com>',
      'Content-Type: text/plain; charset=utf-8', '', 'Hello again (same message)',
    ]));
    expect(await messageCount()).toBe(before);
  });

  it('stores a mail without a Message-ID once when it is sent twice, and a different one beside it', async () => {
    const noId = (body: string) => mail([
      `From: Kim Lee <kim.lee@example.net>`, `To: ${MAILBOX}`, 'Subject: Where is my parcel?', 'Date: Tue, 21 Oct 2025 08:00:00 +0000',
      'Content-Type: text/plain; charset=utf-8', '', body,
    ]);
    const before = await messageCount();
    await receive(noId('Parcel 4411 has not arrived yet.'), MAILBOX, 'kim.lee@example.net');
    await receive(noId('Parcel 4411 has not arrived yet.'), MAILBOX, 'kim.lee@example.net');
    expect(await messageCount()).toBe(before + 1);
    await receive(noId('Parcel 4411 has not arrived yet. Any news?'), MAILBOX, 'kim.lee@example.net');
    expect(await messageCount()).toBe(before + 2);
    const bodies = await t.server.db.query<{ body: string }>(
      "SELECT body FROM messages WHERE sender_type = 'contact' AND body LIKE 'Parcel 4411%' ORDER BY seq",
    );
    expect(bodies.map((m) => m.body)).toEqual(['Parcel 4411 has not arrived yet.', 'Parcel 4411 has not arrived yet. Any news?']);
  });

  it('refuses mail for a mailbox that is no channel and stores nothing', async () => {
    const before = await messageCount();
    await expect(receive(mail([`From: ${CUSTOMER}`, 'To: sales@shop.example', 'Subject: hi', 'Message-ID: <x1@mail.example.com>', '', 'hi']), 'sales@shop.example'))
      .rejects.toMatchObject({ responseCode: 550 });
    expect(await messageCount()).toBe(before);
  });

  it('replies in the customer’s thread through the configured SMTP server', async () => {
    const conversationId = (await conversationOf('<CAFirst001@mail.example.com>'))!;
    const sent = await reply(t.agent, conversationId, 'I am sorry! A replacement ships today.');
    const out = await outbound.waitFor((m) => m.parsed.text?.includes('replacement') === true, 'the reply mail');
    expect(out.to).toEqual([CUSTOMER]);
    expect(out.from).toBe(MAILBOX);
    expect(out.parsed.from?.value[0]).toMatchObject({ address: MAILBOX, name: 'Shop Support' });
    expect(out.parsed.subject).toBe('Re: Order 10002 arrived damaged');
    expect(out.parsed.inReplyTo).toBe('<CAFirst001@mail.example.com>');
    expect(out.parsed.references).toEqual('<CAFirst001@mail.example.com>');
    expect(out.parsed.messageId).toMatch(/@shop\.example>$/);
    const delivered = await waitForDelivery(t.agent, conversationId, sent.message.id, 'sent');
    expect(delivered.delivery?.status).toBe('sent');
    const row = await t.server.db.query<{ external_id: string }>('SELECT external_id FROM channel_deliveries WHERE message_id = $1', [sent.message.id]);
    expect(row[0]?.external_id).toBe(out.parsed.messageId);
  });

  it('keeps only the new text of a reply (quoted thread stripped) and references the whole thread on the next answer', async () => {
    const conversationId = (await conversationOf('<CAFirst001@mail.example.com>'))!;
    const ours = outbound.mails.at(-1)!.parsed.messageId!;
    await receive(mail([
      `From: Lena Park <${CUSTOMER}>`, `To: ${MAILBOX}`, 'Subject: Re: Order 10002 arrived damaged', 'Message-ID: <CASecond002@mail.example.com>',
      `In-Reply-To: ${ours}`, `References: <CAFirst001@mail.example.com> ${ours}`, 'Content-Type: text/plain; charset=utf-8', '',
      'Great, thank you!', '', 'On Mon, 20 Oct 2025 at 10:00, Shop Support <support@shop.example> wrote:', '> I am sorry! A replacement ships today.',
      '>', '> Lena wrote earlier', '',
    ]));
    expect(await conversationOf('<CASecond002@mail.example.com>')).toBe(conversationId);
    expect((await threadOf(t.agent, conversationId)).at(-1)?.body).toBe('Great, thank you!');
    await reply(t.agent, conversationId, 'You are welcome.');
    const out = await outbound.waitFor((m) => m.parsed.text?.includes('welcome') === true, 'the second reply');
    expect(out.parsed.subject).toBe('Re: Order 10002 arrived damaged');
    expect(out.parsed.inReplyTo).toBe('<CASecond002@mail.example.com>');
    expect(out.parsed.references).toEqual(['<CAFirst001@mail.example.com>', ours, '<CASecond002@mail.example.com>']);
  });

  it('turns an HTML-only email into text and lists its attachments', async () => {
    const boundary = 'b1_5f2e';
    await receive(mail([
      'From: Omar Haddad <omar@example.org>', `To: ${MAILBOX}`, 'Subject: Invoice request', 'Message-ID: <html-only-1@example.org>',
      'MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${boundary}"`, '',
      `--${boundary}`, 'Content-Type: text/html; charset=utf-8', '',
      '<html><body><p>Hi team,</p><p>please send the <b>invoice</b> for order 10005.</p><blockquote>old quoted text</blockquote></body></html>',
      `--${boundary}`, 'Content-Type: application/pdf; name="order-10005.pdf"', 'Content-Disposition: attachment; filename="order-10005.pdf"',
      'Content-Transfer-Encoding: base64', '', Buffer.from('%PDF-1.4 test file').toString('base64'),
      `--${boundary}--`, '',
    ]), MAILBOX, 'omar@example.org');
    const conversationId = (await conversationOf('<html-only-1@example.org>'))!;
    const [message] = await threadOf(t.agent, conversationId);
    expect(message?.body).toBe('Hi team,\nplease send the invoice for order 10005.\n[File: order-10005.pdf, 18 B]');
    expect(message?.attachment).toMatchObject({ kind: 'document', fileName: 'order-10005.pdf', mimeType: 'application/pdf', size: 18 });
  });

  it('retries when the mail server says "later" and fails with its words when it refuses', async () => {
    const conversationId = (await conversationOf('<CAFirst001@mail.example.com>'))!;
    outbound.refuse({ code: 451, message: 'Greylisted, try again later' }, 1);
    const attemptsBefore = outbound.attempts;
    const first = await reply(t.agent, conversationId, 'Following up on your order.');
    const sent = await waitForDelivery(t.agent, conversationId, first.message.id, 'sent');
    expect(sent.delivery?.attempts).toBe(2);
    expect(outbound.attempts - attemptsBefore).toBe(2);

    outbound.refuse({ code: 550, message: 'Mailbox unavailable' });
    const second = await reply(t.agent, conversationId, 'Are you there?');
    const failed = await waitForDelivery(t.agent, conversationId, second.message.id, 'failed');
    outbound.refuse(null);
    expect(failed.delivery?.attempts).toBe(1);
    expect(failed.delivery?.reason).toMatch(/^the mail server refused: 550 .*Mailbox unavailable/);
  });

  it('never emails a whisper or a private note', async () => {
    const conversationId = (await conversationOf('<CAFirst001@mail.example.com>'))!;
    const before = outbound.mails.length;
    data(await request(t.admin, 'note:add', { conversationId, body: 'Whisper: refund approved' }));
    data(await request(t.agent, 'note:add', { conversationId, body: 'Note' }));
    await deliveriesDrained(t.server);
    expect(outbound.mails.length).toBe(before);
  });
});
