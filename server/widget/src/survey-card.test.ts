// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { widgetTranslator } from '../../../shared/i18n/widget';
import type { VisitorMessage } from '../../../shared/protocol';
import { MessageList } from './message-list';
import type { SurveyAnswerHandler } from './survey-card';

const survey: VisitorMessage = {
  id: '0190a0b0-0000-7000-8000-0000000000c5', seq: 9, from: 'system', senderName: null, body: 'How did we do? Rate us 1 to 5.',
  createdAt: '2026-01-01T10:00:00.000Z', clientId: null, system: { code: 'csat_survey', params: {} },
};

let list: HTMLElement;
let sent: Parameters<SurveyAnswerHandler>[0][];
let answer: (ok: boolean, code?: string) => void;

function show(language: 'en' | 'zh-CN' = 'en'): HTMLElement {
  const messages = new MessageList(list, null, widgetTranslator(language), language, undefined, (a, done) => {
    sent.push(a);
    answer = done;
  });
  messages.showStored(survey);
  return list.querySelector<HTMLElement>('[data-testid=widget-survey]')!;
}

const stars = (card: HTMLElement) => [...card.querySelectorAll<HTMLButtonElement>('.survey__star')];

beforeEach(() => {
  document.body.innerHTML = '<ol class="chat__messages"></ol>';
  list = document.querySelector<HTMLElement>('.chat__messages')!;
  sent = [];
});

describe('the satisfaction survey card in the widget', () => {
  it('shows the question with five empty stars; send waits until a star is picked', () => {
    const card = show();
    expect(list.querySelector('.msg__bubble')!.textContent).toBe('How did we do? Rate us 1 to 5.');
    expect(stars(card).map((s) => s.textContent).join('')).toBe('☆☆☆☆☆');
    expect(card.querySelector<HTMLButtonElement>('.survey__send')!.disabled).toBe(true);
  });

  it('sends the picked stars and the comment, then thanks the customer; they may still change it', () => {
    const card = show();
    stars(card)[3]!.click();
    expect(stars(card).map((s) => s.textContent).join('')).toBe('★★★★☆');
    expect(stars(card)[3]!.getAttribute('aria-checked')).toBe('true');
    card.querySelector<HTMLTextAreaElement>('.survey__comment')!.value = '  Quick and kind ';
    card.querySelector<HTMLButtonElement>('.survey__send')!.click();
    expect(sent).toEqual([{ messageId: survey.id, rating: 4, comment: 'Quick and kind' }]);
    answer(true);
    expect(card.getAttribute('data-state')).toBe('answered');
    expect(card.querySelector('.survey__note')!.textContent).toBe('Thank you for your rating! You can still change it.');
    stars(card)[4]!.click();
    card.querySelector<HTMLButtonElement>('.survey__send')!.click();
    expect(sent.at(-1)).toEqual({ messageId: survey.id, rating: 5, comment: 'Quick and kind' });
  });

  it('says so in Chinese when the survey has closed', () => {
    const card = show('zh-CN');
    stars(card)[0]!.click();
    card.querySelector<HTMLButtonElement>('.survey__send')!.click();
    expect(sent).toEqual([{ messageId: survey.id, rating: 1 }]);
    answer(false, 'survey_expired');
    expect(card.getAttribute('data-state')).toBe('failed');
    expect(card.querySelector('.survey__note')!.textContent).toBe('该满意度调查已结束。');
  });

  it('a survey answered before the page loaded shows the stars given and the thanks', () => {
    const messages = new MessageList(list, null, widgetTranslator('en'), 'en', undefined, () => undefined);
    messages.showStored({ ...survey, surveyRating: 2 });
    const card = list.querySelector<HTMLElement>('[data-testid=widget-survey]')!;
    expect(stars(card).map((s) => s.textContent).join('')).toBe('★★☆☆☆');
    expect(card.getAttribute('data-state')).toBe('answered');
    expect(card.querySelector('.survey__note')!.textContent).toBe('Thank you for your rating! You can still change it.');
  });

  it('a notice that is not a survey gets no card', () => {
    const messages = new MessageList(list, null, widgetTranslator('en'), 'en', undefined, () => undefined);
    messages.showStored({ ...survey, system: { code: 'handoff', params: {} } });
    expect(list.querySelector('[data-testid=widget-survey]')).toBeNull();
  });
});
