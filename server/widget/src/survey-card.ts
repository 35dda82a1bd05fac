import type { WidgetTranslate } from '../../../shared/i18n/widget';

/** Sends the customer's answer; `done(true)` once the server stored it, else with the refusal's code when there is one. */
export type SurveyAnswerHandler = (answer: { messageId: string; rating: number; comment?: string }, done: (ok: boolean, errorCode?: string) => void) => void;

/**
 * The satisfaction survey under a survey line: five star buttons, an optional comment and a send
 * button. Built as DOM nodes (no HTML parsing). After a stored answer the card thanks the
 * customer and still lets them change it (the latest answer counts).
 */
export function renderSurveyCard(
  doc: Document,
  t: WidgetTranslate,
  messageId: string,
  onAnswer: SurveyAnswerHandler,
  /** The stars given before the page was loaded, when it was answered already. */
  given: number | null = null,
): HTMLElement {
  const card = doc.createElement('form');
  card.className = 'survey';
  card.setAttribute('data-testid', 'widget-survey');
  card.noValidate = true;
  let rating = given ?? 0;

  const stars = doc.createElement('div');
  stars.className = 'survey__stars';
  stars.setAttribute('role', 'radiogroup');
  stars.setAttribute('aria-label', t('widget.survey.rating'));
  const buttons: HTMLButtonElement[] = [];
  const paint = () => {
    buttons.forEach((b, i) => {
      b.textContent = i < rating ? '★' : '☆';
      b.setAttribute('aria-checked', String(i + 1 === rating));
      b.classList.toggle('survey__star--on', i < rating);
    });
    send.disabled = rating === 0;
  };
  for (let value = 1; value <= 5; value++) {
    const star = doc.createElement('button');
    star.type = 'button';
    star.className = 'survey__star';
    star.setAttribute('role', 'radio');
    star.setAttribute('data-rating', String(value));
    star.setAttribute('aria-label', t('widget.survey.stars', { rating: value }));
    star.addEventListener('click', () => {
      rating = value;
      note.textContent = '';
      paint();
    });
    buttons.push(star);
    stars.appendChild(star);
  }

  const comment = doc.createElement('textarea');
  comment.className = 'survey__comment';
  comment.rows = 2;
  comment.maxLength = 2000;
  comment.placeholder = t('widget.survey.comment');
  comment.setAttribute('aria-label', t('widget.survey.comment'));

  const send = doc.createElement('button');
  send.type = 'submit';
  send.className = 'survey__send';
  send.textContent = t('widget.survey.send');

  const note = doc.createElement('p');
  note.className = 'survey__note';
  note.setAttribute('role', 'status');

  card.addEventListener('submit', (event) => {
    event.preventDefault();
    if (rating === 0) return;
    send.disabled = true;
    const text = comment.value.trim();
    onAnswer({ messageId, rating, ...(text ? { comment: text } : {}) }, (ok, code) => {
      send.disabled = false;
      card.setAttribute('data-state', ok ? 'answered' : 'failed');
      note.textContent = ok
        ? t('widget.survey.thanks')
        : code === 'survey_expired' ? t('widget.survey.closed') : t('widget.survey.failed');
    });
  });

  card.append(stars, comment, send, note);
  paint();
  if (given !== null) {
    card.setAttribute('data-state', 'answered');
    note.textContent = t('widget.survey.thanks');
  }
  return card;
}
