import { systemLineOf, type SystemLine } from '../system-lines';
import type { Translate } from './desktop';
import type { WidgetTranslate } from './widget';

type Line = { senderType: string; body: string; system?: SystemLine | null };

/**
 * A system line in the workstation's language: its code through the catalogue, or the body as
 * stored when it has no code this version knows (old lines, newer servers).
 */
export function systemLineText(t: Translate, message: Line): string {
  const line = systemLineOf(message);
  const p = line?.params ?? {};
  switch (line?.code) {
    case 'takeover':
      return p.by === undefined ? message.body : p.to ? t('system.takeoverTo', { by: p.by, to: p.to }) : t('system.takeover', { by: p.by });
    case 'joined':
      return p.name === undefined ? message.body : t('system.joined', { name: p.name });
    case 'requeued':
      return t('system.requeued');
    case 'transfer':
      return p.to === undefined ? message.body : p.note ? t('system.transferNote', { to: p.to, note: p.note }) : t('system.transfer', { to: p.to });
    case 'undelivered':
      if (p.reason === undefined) return message.body;
      return p.channel ? t('system.undeliveredOn', { channel: p.channel, reason: p.reason }) : t('system.undelivered', { reason: p.reason });
    case 'handoff':
      return t('system.handoff');
    case 'closed':
      return p.group ? t('system.closedGroup', { group: p.group }) : t('system.closed');
    case 'unavailable':
      return t('system.unavailable');
    case 'overflow':
      if (p.from === undefined) return message.body;
      return p.to === undefined ? t('note.overflowAny', { from: p.from }) : t('note.overflow', { from: p.from, to: p.to });
    case 'summary':
      return p.text === undefined ? message.body : t('system.summary', { text: p.text });
    case 'csat_survey':
      return t('system.csatSurvey', { question: message.body });
    case 'csat_answer':
      if (p.rating === undefined) return message.body;
      return p.comment ? t('system.csatAnswerComment', { rating: p.rating, comment: p.comment }) : t('system.csatAnswer', { rating: p.rating });
    default:
      return message.body;
  }
}

/**
 * A notice as the customer reads it in the widget, in the widget's language; the body as stored
 * for any other message. The widget's message list calls this with each `from: 'system'` message.
 */
export function widgetSystemLineText(t: WidgetTranslate, message: { body: string; system?: SystemLine | null }): string {
  const line = message.system;
  switch (line?.code) {
    case 'handoff':
      return t('widget.system.handoff');
    case 'closed':
      return line.params.group ? t('widget.system.closedGroup', { group: line.params.group }) : t('widget.system.closed');
    case 'unavailable':
      return t('widget.queue.nobodyOnline');
    default:
      return message.body;
  }
}
