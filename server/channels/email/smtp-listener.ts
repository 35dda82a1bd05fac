import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Db } from '../../db/db';
import { listEnabledChannelsOfKind, type ChannelRecord } from '../../domain/channels/channel-repository';
import type { ErrorLogger } from '../../lib/error-logger';
import { systemClock, type Clock } from '../../lib/clock';
import type { InboundMessages } from '../framework/inbound';
import { contentMessageId, toInboundEmail } from './email-message';
import { recordInboundEmail } from './email-threads';

/** Largest inbound email accepted (attachments included). */
export const MAX_EMAIL_BYTES = 15 * 1024 * 1024;

type SmtpError = Error & { responseCode?: number };

function smtpError(message: string, responseCode: number): SmtpError {
  const err: SmtpError = new Error(message);
  err.responseCode = responseCode;
  return err;
}

/**
 * Where mail to an account's ticket address goes (tickets' settings): the account it belongs to,
 * and what to do with a conversation a mail to it was stored in.
 */
export type TicketMailbox = {
  accountOfAddress(address: string): Promise<string | null>;
  received(accountId: string, conversationId: string, subject: string): Promise<void>;
};

/**
 * The enabled email channel whose mailbox is `address`, if any; for an account's ticket address
 * that is no channel's mailbox, the account's first enabled email channel (replies leave from it).
 */
async function channelForAddress(db: Db, address: string, tickets?: TicketMailbox): Promise<ChannelRecord | null> {
  const wanted = address.trim().toLowerCase();
  const channels = await listEnabledChannelsOfKind(db, 'email');
  const own = channels.find((c) => typeof c.config.address === 'string' && c.config.address.toLowerCase() === wanted);
  if (own || !tickets) return own ?? null;
  const accountId = await tickets.accountOfAddress(wanted);
  return accountId ? (channels.find((c) => c.accountId === accountId) ?? null) : null;
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The inbound side of email channels: an SMTP listener (no AUTH, no TLS: run it behind your mail
 * server or a relay that forwards to it) that accepts mail only for the mailboxes of enabled email
 * channels (550 for anything else), parses it, and hands each message to the inbound path. A
 * failure to store answers 451, so the sending server tries again; Message-IDs (or, without one, the
 * mail's content) keep that harmless.
 */
export class SmtpListener {
  private readonly server: SMTPServer;

  constructor(private readonly deps: { db: Db; inbound: InboundMessages; logError: ErrorLogger; clock?: Clock; tickets?: TicketMailbox }) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      banner: 'Switchboard',
      size: MAX_EMAIL_BYTES,
      onRcptTo: (address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) => {
        channelForAddress(deps.db, address.address, deps.tickets)
          .then((channel) => callback(channel ? null : smtpError(`no mailbox ${address.address} here`, 550)))
          .catch((err: unknown) => {
            deps.logError(err, 'smtp rcpt');
            callback(smtpError('try again later', 451));
          });
      },
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) => {
        this.receive(stream, session)
          .then(() => callback(null))
          .catch((err: unknown) => {
            if ((err as SmtpError).responseCode) return callback(err as SmtpError);
            deps.logError(err, 'smtp data');
            callback(smtpError('the message could not be stored; try again later', 451));
          });
      },
    });
    this.server.on('error', (err) => deps.logError(err, 'smtp listener'));
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const raw = await readAll(stream);
    if (stream.sizeExceeded) throw smtpError('the message is too large', 552);
    const mail = await simpleParser(raw);
    for (const rcpt of session.envelope.rcptTo) {
      const channel = await channelForAddress(this.deps.db, rcpt.address, this.deps.tickets);
      if (!channel) continue;
      // A mail without a Message-ID is known by its content: sent twice, it is stored once.
      const email = toInboundEmail(mail, channel.config.trustSenderAddress === true, contentMessageId(mail, rcpt.address, (this.deps.clock ?? systemClock)()));
      if (!email) throw smtpError('the message has no sender address', 550);
      const stored = await this.deps.inbound.receive(channel, email.message);
      await recordInboundEmail(this.deps.db, {
        conversationId: stored.conversationId, channelId: channel.id, subject: email.subject, messageId: email.messageId, references: email.references,
      });
      // Mail to the ticket address opens a ticket once its conversation is stored.
      const tickets = this.deps.tickets;
      if (tickets && (await tickets.accountOfAddress(rcpt.address)) === channel.accountId) {
        await tickets.received(channel.accountId, stored.conversationId, email.subject);
      }
    }
  }

  /** Starts listening; resolves with the port (0 picks a free one). */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.server.off('error', reject);
        resolve((this.server.server.address() as AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
