import type { FeedEvent } from '../notification-feed';
import { ticketSlaMessageKey } from '../ticket-sla';
import type { Translate } from './desktop';
import type { Language } from './languages';

/**
 * The reason a takeover gave, or null when it adds nothing: blank, or the server's default
 * ("taken over by 陈琳"), which the sentence already says.
 */
export function meaningfulReason(reason: string, byName: string): string | null {
  const trimmed = reason.trim();
  if (trimmed === '') return null;
  if (trimmed.toLowerCase() === `taken over by ${byName}`.toLowerCase()) return null;
  return trimmed;
}

/** A takeover in one sentence; `customer` null when the conversation is not known here. */
export function takenSentence(t: Translate, byName: string, reason: string, customer: string | null): string {
  const said = meaningfulReason(reason, byName);
  if (customer) return said ? t('notice.takenWithReason', { name: byName, customer, reason: said }) : t('notice.taken', { name: byName, customer });
  return said ? t('notice.takenSomeWithReason', { name: byName, reason: said }) : t('notice.takenSome', { name: byName });
}

function formatTime(iso: string, language: Language): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** What an entry of the notification centre says, in one sentence (the list and OS notifications share it). */
export function feedEventText(t: Translate, event: FeedEvent, language: Language): string {
  switch (event.kind) {
    case 'mention':
      return t('notice.mentioned', { name: event.byName, excerpt: event.excerpt });
    case 'ticketMention':
      return t('feed.ticketMention', { name: event.byName, number: event.number, subject: event.subject, excerpt: event.excerpt });
    case 'whisper':
      return t('feed.whisper', { name: event.byName, customer: event.contactName, excerpt: event.excerpt });
    case 'offer':
      return event.excerpt.trim()
        ? t('feed.offer', { customer: event.contactName, excerpt: event.excerpt })
        : t('feed.offerPlain', { customer: event.contactName });
    case 'taken':
      return takenSentence(t, event.byName, event.reason, event.contactName);
    case 'ticketSla':
      return `${t(ticketSlaMessageKey(event.sla), { number: event.sla.number, time: formatTime(event.sla.dueAt, language) })}: ${event.sla.subject}`;
  }
}
