import type { DesktopNotification } from '../notifications';
import { ticketSlaMessageKey } from '../ticket-sla';
import { translator } from './desktop';
import { feedEventText } from './feed-text';
import type { Language } from './languages';

/**
 * The title and body a shell shows for a notification, in `language`: a conversation's are the
 * customer's name and words as they came; a ticket's are its subject and what happened to its SLA;
 * a notification centre entry's are its kind and its sentence.
 */
export function notificationText(notification: DesktopNotification, language: Language): { title: string; body: string } {
  if (notification.kind === 'feed') {
    const t = translator(language);
    return { title: t(`feed.kind.${notification.event.kind}`), body: feedEventText(t, notification.event, language) };
  }
  if (notification.kind !== 'ticket') return { title: notification.title, body: notification.body };
  const due = new Date(notification.sla.dueAt);
  const time = Number.isNaN(due.getTime()) ? notification.sla.dueAt : new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(due);
  return { title: notification.title, body: translator(language)(ticketSlaMessageKey(notification.sla), { number: notification.number, time }) };
}
