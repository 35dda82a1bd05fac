import { randomUUID } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { ChannelRecord } from '../../domain/channels/channel-repository';
import { DeliveryError, type ChannelSender, type OutboundContext, type SendResult } from '../framework/outbound';
import { normalizeMessageId, replySubject } from './email-message';
import { findEmailThread, recordOutboundEmail } from './email-threads';
import { createSmtpTransport, smtpTransportKey } from './smtp-transport';

/** Connection failures and 4xx answers are worth trying again; a 5xx is the server's final word. */
function deliveryErrorOf(err: unknown): DeliveryError {
  const e = err as { responseCode?: number; response?: string; code?: string; message?: string };
  const reason = (e.response ?? e.message ?? String(err)).trim();
  if (typeof e.responseCode === 'number') return new DeliveryError(`the mail server refused: ${reason}`, e.responseCode < 500);
  return new DeliveryError(`the mail server could not be reached: ${reason}`, true);
}

/**
 * Replies by email through the channel's SMTP server, in the customer's thread: "Re: <subject>",
 * a Message-ID of our own, In-Reply-To the customer's last message and References the thread.
 */
export class EmailSender implements ChannelSender {
  private readonly transports = new Map<string, { key: string; transport: Transporter }>();

  async send({ channel, recipient, message, db }: OutboundContext): Promise<SendResult> {
    const address = typeof channel.config.address === 'string' ? channel.config.address : null;
    if (!address) throw new DeliveryError('the email channel has no address', false);
    const thread = await findEmailThread(db, message.conversationId);
    const subject = thread?.subject ?? `Your message to ${channel.name}`;
    const domain = address.split('@')[1] ?? 'switchboard.invalid';
    const messageId = normalizeMessageId(`${randomUUID()}@${domain}`);
    const fromName = typeof channel.config.fromName === 'string' ? channel.config.fromName : channel.name;
    const link = message.attachment?.url && !message.body.includes(message.attachment.url) ? `\n\n${message.attachment.url}` : '';
    // An agent's file goes as a MIME attachment, its caption as the text.
    const file = message.file;
    const attachments = file ? [{ filename: file.fileName, content: await file.read(), contentType: file.mimeType }] : undefined;
    const text = file ? (message.attachment?.caption ?? '') : `${message.body}${link}`;
    try {
      await this.transport(channel).sendMail({
        from: { name: fromName, address },
        to: recipient.externalId,
        subject: replySubject(subject),
        text,
        messageId,
        ...(attachments ? { attachments } : {}),
        ...(thread?.lastInboundId ? { inReplyTo: thread.lastInboundId } : {}),
        ...(thread && thread.messageIds.length > 0 ? { references: thread.messageIds } : {}),
      });
    } catch (err) {
      throw deliveryErrorOf(err);
    }
    await recordOutboundEmail(db, message.conversationId, subject, messageId);
    return { externalId: messageId };
  }

  private transport(channel: ChannelRecord): Transporter {
    const key = smtpTransportKey(channel);
    if (key === null) throw new DeliveryError('the email channel has no SMTP server', false);
    const cached = this.transports.get(channel.id);
    if (cached?.key === key) return cached.transport;
    cached?.transport.close();
    const transport = createSmtpTransport(channel)!;
    this.transports.set(channel.id, { key, transport });
    return transport;
  }

  close(): void {
    for (const { transport } of this.transports.values()) transport.close();
    this.transports.clear();
  }
}
