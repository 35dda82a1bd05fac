import type { EventPayload } from '../../../../shared/contract';
import type { SensitiveAlert } from '../../../../shared/domain';
import type { TicketSlaNotice } from '../../../../shared/ticket-sla';

/** What a notice is about. Text is made when shown, so it follows the UI language. */
export type NoticeData =
  | ({ kind: 'mention' } & EventPayload<'note.mentioned'>)
  | ({ kind: 'taken'; contactName: string | null } & EventPayload<'conversation.taken'>)
  | ({ kind: 'sensitive' } & Pick<SensitiveAlert, 'conversationId' | 'contactName' | 'words' | 'senderType' | 'senderName'>)
  | { kind: 'ticketSla'; sla: TicketSlaNotice };

export interface Notice {
  id: string;
  data: NoticeData;
  /** When it goes away by itself (ms since the epoch), or null: it stays until dismissed. */
  expiresAt: number | null;
}

/** How long a notice stays, by kind; a takeover stays until dismissed (the agent must see it). */
export const NOTICE_LIFETIME_MS: Record<NoticeData['kind'], number | null> = {
  mention: 20_000,
  sensitive: 30_000,
  taken: null,
  ticketSla: 60_000,
};

/** The most notices on screen; the oldest go first (one that stays until dismissed goes last). */
export const MAX_NOTICES = 5;

/** Notices about the same thing replace each other: one per mention, per taken or flagged conversation, per ticket SLA target and kind. */
export function noticeKey(data: NoticeData): string {
  switch (data.kind) {
    case 'mention':
      return `mention:${data.messageId}`;
    case 'taken':
      return `taken:${data.conversationId}`;
    case 'sensitive':
      return `sensitive:${data.conversationId}`;
    case 'ticketSla':
      return `ticketSla:${data.sla.ticketId}:${data.sla.target}:${data.sla.kind}`;
  }
}

function merge(previous: NoticeData, next: NoticeData): NoticeData {
  // A second alert in the same conversation adds its words to the notice already shown.
  if (previous.kind === 'sensitive' && next.kind === 'sensitive') {
    return { ...next, words: [...new Set([...previous.words, ...next.words])] };
  }
  return next;
}

/**
 * Adds a notice on top (newest first). One about the same thing is replaced (see noticeKey) and its
 * lifetime starts again; beyond MAX_NOTICES the oldest that expires by itself is dropped.
 */
export function addNotice(list: readonly Notice[], data: NoticeData, id: string, now: number): Notice[] {
  const key = noticeKey(data);
  const previous = list.find((n) => noticeKey(n.data) === key);
  const lifetime = NOTICE_LIFETIME_MS[data.kind];
  const notice: Notice = {
    id: previous?.id ?? id,
    data: previous ? merge(previous.data, data) : data,
    expiresAt: lifetime === null ? null : now + lifetime,
  };
  const next = [notice, ...list.filter((n) => n !== previous)];
  while (next.length > MAX_NOTICES) {
    let drop = -1;
    for (let i = next.length - 1; i > 0; i--) {
      if (next[i]?.expiresAt !== null) {
        drop = i;
        break;
      }
    }
    next.splice(drop > 0 ? drop : next.length - 1, 1);
  }
  return next;
}

export function dismissNotice(list: readonly Notice[], id: string): readonly Notice[] {
  const next = list.filter((n) => n.id !== id);
  return next.length === list.length ? list : next;
}

/** Drops the notices whose time is up; the same array when none is. */
export function pruneNotices(list: readonly Notice[], now: number): readonly Notice[] {
  const next = list.filter((n) => n.expiresAt === null || n.expiresAt > now);
  return next.length === list.length ? list : next;
}

/** When the next notice expires, or null when none will by itself. */
export function nextExpiry(list: readonly Notice[]): number | null {
  let soonest: number | null = null;
  for (const n of list) if (n.expiresAt !== null && (soonest === null || n.expiresAt < soonest)) soonest = n.expiresAt;
  return soonest;
}
