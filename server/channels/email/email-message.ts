import { createHash } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import type { Attachment } from '../../../shared/domain';
import { attachment, describeAttachment } from '../framework/describe';
import { inboundTextForm } from '../../../shared/text/inbound-text';
import type { InboundMessage } from '../framework/inbound';
import { stripQuotedReply } from './quoted-reply';

/** An inbound email in our terms, with the headers its thread is kept by. */
export type InboundEmail = {
  message: InboundMessage;
  subject: string;
  messageId: string;
  /** In-Reply-To and References, oldest first, without duplicates. */
  references: string[];
};

/** A Message-ID as stored and compared: with its angle brackets, no spaces. */
export function normalizeMessageId(id: string): string {
  const bare = id.trim().replace(/^<|>$/g, '').trim();
  return `<${bare}>`;
}

/**
 * How far apart two copies of a mail without a Message-ID (and without a Date header) may arrive
 * and still count as one mail sent twice.
 */
export const CONTENT_DEDUPE_WINDOW_MS = 60 * 60_000;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The id a mail without a Message-ID is stored under, from what it says: sender, recipient,
 * subject, date and a hash of the body. The same mail delivered twice (a sending server's retry)
 * gets the same id and is stored once. Without a Date header, copies count as one within the
 * window of CONTENT_DEDUPE_WINDOW_MS they arrived in.
 */
export function contentMessageId(mail: ParsedMail, recipient: string, receivedAt: number): string {
  const from = mail.from?.value.find((a) => a.address)?.address?.trim().toLowerCase() ?? '';
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? `date:${mail.date.getTime()}` : `window:${Math.floor(receivedAt / CONTENT_DEDUPE_WINDOW_MS)}`;
  const body = sha256(mail.text ?? (typeof mail.html === 'string' ? mail.html : ''));
  const key = sha256([from, recipient.trim().toLowerCase(), (mail.subject ?? '').trim(), date, body].join('\n'));
  return `<content-${key.slice(0, 40)}@switchboard.invalid>`;
}

/** Text of an HTML-only mail: block ends become line breaks, tags go, entities are decoded. */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<blockquote[\s\S]*?<\/blockquote>/gi, '\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6])\s*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

function attachmentOf(a: ParsedMail['attachments'][number]): Attachment {
  const kind = a.contentType.startsWith('image/') ? 'image' : a.contentType.startsWith('audio/') ? 'audio' : a.contentType.startsWith('video/') ? 'video' : 'document';
  return attachment({ kind, fileName: a.filename ?? null, mimeType: a.contentType, size: a.size ?? null });
}

/**
 * A parsed email as a customer message: the sender's address is their identity on the channel (and
 * their verified email when the channel trusts sender addresses); the body is the new text only
 * (quoted replies and signatures stripped, HTML-only mail turned into text) followed by a line per
 * attachment; the first attachment's details are kept as the message's attachment, and every
 * attachment's bytes go with it to be stored. Null when the mail has no sender address.
 */
export function toInboundEmail(mail: ParsedMail, trustSenderAddress: boolean, fallbackId: string): InboundEmail | null {
  const from = mail.from?.value.find((a) => a.address)?.address?.trim().toLowerCase();
  if (!from) return null;
  const name = mail.from?.value.find((a) => a.address)?.name?.trim() || null;
  const rawText = mail.text?.trim() ? mail.text : typeof mail.html === 'string' ? htmlToPlainText(mail.html) : '';
  const text = stripQuotedReply(rawText);
  const files = (mail.attachments ?? []).filter((a) => a.contentDisposition !== 'inline' || !a.related);
  const described = files.map((a) => describeAttachment(attachmentOf(a)));
  const subject = mail.subject?.trim() || '(no subject)';
  const body = inboundTextForm([text || (files.length === 0 ? subject : ''), ...described].filter(Boolean).join('\n'));
  const messageId = normalizeMessageId(mail.messageId ?? fallbackId);
  const refs = [...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : []), ...(mail.inReplyTo ? [mail.inReplyTo] : [])]
    .flatMap((r) => r.split(/\s+/))
    .filter(Boolean)
    .map(normalizeMessageId);
  return {
    message: {
      externalId: messageId,
      sender: { externalId: from, name, verifiedEmail: trustSenderAddress ? from : null },
      body: body || '(empty message)',
      attachment: files[0] ? attachmentOf(files[0]) : null,
      // The bytes are in the mail: stored as it is received (the type sniffed from them, not the mail's word).
      inlineFiles: files.map((a) => ({ kind: attachmentOf(a).kind, fileName: a.filename ?? null, bytes: a.content })),
      sentAt: mail.date ? mail.date.getTime() : null,
    },
    subject,
    messageId,
    references: [...new Set(refs)],
  };
}

/** "Re: <subject>" once, however many replies deep. */
export function replySubject(subject: string): string {
  return /^(re|回复|答复)\s*[:：]/i.test(subject.trim()) ? subject.trim() : `Re: ${subject.trim()}`;
}
