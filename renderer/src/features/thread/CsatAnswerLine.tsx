import type { ThreadMessage } from '../../../../shared/contract';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatClock, formatFull } from '../../lib/time';

/** The rating (1–5) and comment an answer line carries; null when the line is not an answer this version reads. */
export function csatAnswerOf(message: Pick<ThreadMessage, 'system'>): { rating: number; comment: string | null; late: boolean; changed: boolean } | null {
  const line = message.system;
  if (line?.code !== 'csat_answer') return null;
  const rating = Number(line.params.rating);
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) return null;
  return { rating, comment: line.params.comment ?? null, late: line.params.late === 'true', changed: line.params.changed === 'true' };
}

/**
 * The customer's satisfaction answer in the thread, for agents and supervisors only: five stars
 * (filled up to the rating), the comment, and whether it came late or replaced an earlier answer.
 */
export function CsatAnswerLine({ message }: { message: ThreadMessage }) {
  const t = useT();
  const language = useLanguage();
  const answer = csatAnswerOf(message);
  if (!answer) return null;
  return (
    <div className="message-system message-system-internal csat-answer" data-testid="csat-answer" data-rating={answer.rating}>
      <span className="csat-answer-title">{t('csat.heading')}</span>
      <span className="csat-stars" role="img" aria-label={t('csat.stars', { rating: answer.rating })}>
        {'★'.repeat(answer.rating)}
        <span className="csat-stars-empty">{'☆'.repeat(5 - answer.rating)}</span>
      </span>
      {answer.comment && <q className="csat-comment">{answer.comment}</q>}
      {answer.late && <span className="csat-flag">{t('csat.late')}</span>}
      {answer.changed && <span className="csat-flag">{t('csat.changed')}</span>}
      <time dateTime={message.createdAt} title={formatFull(message.createdAt, language)}>
        {formatClock(message.createdAt, language)}
      </time>
    </div>
  );
}
