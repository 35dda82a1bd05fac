import { takenSentence } from '../../../../shared/i18n/feed-text';
import { ticketSlaMessageKey } from '../../../../shared/ticket-sla';
import type { Language, Translate } from '../../i18n/translate';
import { formatFull } from '../../lib/time';
import type { NoticeData } from './notice-logic';

/** The sentence a notice shows. `draftKept`: the agent's unsent reply came back as a draft; `language` formats times. */
export function describeNotice(t: Translate, data: NoticeData, draftKept = false, language: Language = 'en'): string {
  switch (data.kind) {
    case 'mention':
      return t('notice.mentioned', { name: data.byName, excerpt: data.excerpt });
    case 'taken': {
      const sentence = takenSentence(t, data.byName, data.reason, data.contactName);
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
