import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitUntil } from './wait';

export type RecordedMail = { from: string; to: string[]; raw: string; parsed: ParsedMail };

/**
 * A local SMTP server standing in for the shop's mail server: records every message it accepts.
 * `refuse` makes it answer the DATA command with an SMTP error (e.g. 550 or 451).
 */
export interface SmtpRecorder {
  port: number;
  mails: RecordedMail[];
  /** Refuses the next `times` messages (all, without `times`) with this answer; null accepts again. */
  refuse(answer: { code: number; message: string } | null, times?: number): void;
  attempts: number;
  waitFor(predicate: (m: RecordedMail) => boolean, what: string): Promise<RecordedMail>;
  close(): Promise<void>;
}

export async function startSmtpRecorder(): Promise<SmtpRecorder> {
  const mails: RecordedMail[] = [];
  let refusal: { code: number; message: string } | null = null;
  let refusalsLeft = Infinity;
  const state = { attempts: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'shop' }),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        state.attempts++;
        if (refusal && refusalsLeft > 0) {
          refusalsLeft--;
          const err = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then((parsed) => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            parsed,
          });
          callback(null);
        });
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    refuse: (answer, times = Infinity) => {
      refusal = answer;
      refusalsLeft = times;
    },
    get attempts() {
      return state.attempts;
    },
    waitFor: (predicate, what) => waitUntil(() => mails.find(predicate), what),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
