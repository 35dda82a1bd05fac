import { AppError } from '../../../shared/errors';
import { channelSender, createSmtpTransport } from '../../channels/email/smtp-transport';
import type { ChannelRecord } from '../channels/channel-repository';
import type { WeeklySummary } from './weekly-summary';

/** Sends summary mails through one email channel's SMTP server; close it when done. */
export type SummaryMailer = {
  send(to: { email: string; name: string }, summary: WeeklySummary): Promise<void>;
  close(): void;
};

/** What the mail server said, in a line (SMTP answers carry their code). */
export function mailFailure(err: unknown): string {
  const e = err as { responseCode?: number; response?: string; message?: string };
  const reason = (e.response ?? e.message ?? String(err)).trim();
  return typeof e.responseCode === 'number' ? `the mail server refused: ${reason}` : `the mail server could not be reached: ${reason}`;
}

/** A mailer over the channel's SMTP server, From: the channel's address and display name. */
export function openSummaryMailer(channel: ChannelRecord): SummaryMailer {
  const transport = createSmtpTransport(channel);
  const from = channelSender(channel);
  if (!transport || !from) throw new AppError('conflict', 'The email channel has no address or SMTP server.');
  return {
    send: async (to, summary) => {
      await transport.sendMail({ from, to: { name: to.name, address: to.email }, subject: summary.subject, text: summary.text, html: summary.html });
    },
    close: () => transport.close(),
  };
}
