import { ticketSlaMessageKey } from '../../../../shared/ticket-sla';
import type { Language, Translate } from '../../i18n/translate';
import { formatFull } from '../../lib/time';
import type { NoticeData } from './notice-logic';

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

/** The sentence a notice shows. `draftKept`: the agent's unsent reply came back as a draft; `language` formats times. */
export function describeNotice(t: Translate, data: NoticeData, draftKept = false, language: Language = 'en'): string {
  switch (data.kind) {
    case 'mention':
      return t('notice.mentioned', { name: data.byName, excerpt: data.excerpt });
    case 'taken': {
      const reason = meaningfulReason(data.reason, data.byName);
      const customer = data.contactName;
      const sentence = customer
        ? reason
          ? t('notice.takenWithReason', { name: data.byName, customer, reason })
          : t('notice.taken', { name: data.byName, customer })
        : reason
          ? t('notice.takenSomeWithReason', { name: data.byName, reason })
          : t('notice.takenSome', { name: data.byName });
      return draftKept ? t('notice.draftKept', { sentence }) : sentence;
    }
    case 'sensitive': {
      const words = data.words.join(t('notice.separator'));
      if (data.senderType === 'agent' && data.senderName) {
        return t('notice.sensitiveByAgent', { sender: data.senderName, customer: data.contactName, words });
      }
      return t('notice.sensitive', { customer: data.contactName, words });
    }
    case 'ticketSla':
      return `${t(ticketSlaMessageKey(data.sla), { number: data.sla.number, time: formatFull(data.sla.dueAt, language) })}: ${data.sla.subject}`;
  }
}
