import { z } from 'zod';

/**
 * Lines the system writes into a thread (taken over, joined, re-queued, transferred, the notices a
 * customer gets) are stored as a stable code with parameters beside an English body. Every reader
 * shows the code in their own language (shared/i18n/system-line-text.ts); the body serves
 * channels, search and older desktops. Lines stored before codes existed are recognised by their
 * English words where those were fixed.
 */

export const systemLineSchema = z.object({
  code: z.string().min(1).max(40),
  params: z.record(z.string(), z.string()),
});
export type SystemLine = z.infer<typeof systemLineSchema>;

/** The lines the server writes, each built in one place. */
export const systemLines = {
  /** A supervisor took the conversation (for themselves, or to give it to `to`). */
  takeover: (by: string, to?: string): SystemLine => ({ code: 'takeover', params: to ? { by, to } : { by } }),
  /** A supervisor joined beside the agent. */
  joined: (name: string): SystemLine => ({ code: 'joined', params: { name } }),
  /** The agent disconnected and the conversation went back to the queue. */
  requeued: (): SystemLine => ({ code: 'requeued', params: {} }),
  /** Handed to a colleague or a group, with the note the agent left. */
  transfer: (to: string, note: string): SystemLine => ({ code: 'transfer', params: note ? { to, note } : { to } }),
  /** The customer is told a person is coming (after the bot). */
  handoff: (): SystemLine => ({ code: 'handoff', params: {} }),
  /** A reply the customer's platform did not take (`channel`: its name, when known). */
  undelivered: (channel: string | null, reason: string): SystemLine => ({ code: 'undelivered', params: channel ? { channel, reason } : { reason } }),
  /** The customer wrote outside business hours: their message is kept. */
  closed: (group: string | null): SystemLine => ({ code: 'closed', params: group ? { group } : {} }),
  /** Nobody can answer now (nobody at work for it): the customer was told their message is kept. */
  unavailable: (): SystemLine => ({ code: 'unavailable', params: {} }),
  /** Nobody in group `from` could take it in time: moved to group `to` (null: any agent with room). Agents only. */
  overflow: (from: string, to: string | null): SystemLine => ({ code: 'overflow', params: to === null ? { from } : { from, to } }),
  /** What the customer wants, summarised by the AI provider when the bot handed over. Agents only. */
  summary: (text: string): SystemLine => ({ code: 'summary', params: { text } }),
  /** The satisfaction survey sent to the customer after the resolve (its body is the question they got). */
  csatSurvey: (): SystemLine => ({ code: 'csat_survey', params: {} }),
  /**
   * The customer's satisfaction answer (1–5), with their comment; `late` when given after they had
   * started a new conversation or more than a day after the survey; `changed` when it replaces an
   * earlier answer. Agents only.
   */
  csatAnswer: (rating: number, comment: string | null, flags: { late: boolean; changed: boolean }): SystemLine => ({
    code: 'csat_answer',
    params: { rating: String(rating), ...(comment ? { comment } : {}), ...(flags.late ? { late: 'true' } : {}), ...(flags.changed ? { changed: 'true' } : {}) },
  }),
} as const;

export type SystemLineCode = keyof typeof systemLines;

/** The English body stored beside an overflow line (search, exports, older desktops). */
export function overflowBody(from: string, to: string | null): string {
  return to === null ? `Nobody in ${from} could take it in time: offered to any agent with room` : `Nobody in ${from} could take it in time: moved to ${to}`;
}

const TAKEN_OVER = /^taken over by (.+?)(?: → (.+))?$/;
const JOINED = /^(.+) joined$/;
const REQUEUED = 're-queued: agent disconnected';
const UNDELIVERED = /^Not delivered(?: on (.+?))?: ([\s\S]*)$/;

/**
 * The code behind a message: stored with it, or read from the English words of a line written
 * before codes existed. Null for anything else (it is shown as written).
 */
export function systemLineOf(message: { senderType: string; body: string; system?: SystemLine | null }): SystemLine | null {
  if (message.system) return message.system;
  if (message.senderType !== 'system') return null;
  if (message.body === REQUEUED) return systemLines.requeued();
  const taken = TAKEN_OVER.exec(message.body);
  if (taken) return systemLines.takeover(taken[1]!, taken[2]);
  const undelivered = UNDELIVERED.exec(message.body);
  if (undelivered) return systemLines.undelivered(undelivered[1] ?? null, undelivered[2]!);
  const joined = JOINED.exec(message.body);
  if (joined) return systemLines.joined(joined[1]!);
  return null;
}
