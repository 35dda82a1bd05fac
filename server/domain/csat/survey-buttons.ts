import type { MessageChoice } from '../conversations/message-choices';

/**
 * The survey as buttons (WhatsApp list rows, Telegram inline keyboard): five picks, best first,
 * each carrying `csat:<token>:<rating>` as its id or callback data, which the webhooks read back.
 * WhatsApp allows only 3 reply buttons, so the survey goes as a list message of 5 rows: the same
 * 1–5 scale as every other channel.
 */

const BUTTON = /^csat:([A-Za-z0-9_-]{16,64}):([1-5])$/;

const LABELS = {
  en: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
  zh: ['非常不满意', '不满意', '一般', '满意', '非常满意'],
} as const;

/** The title of a rating's button: its stars and its word. */
export function ratingTitle(rating: number, language: 'zh' | 'en'): string {
  return `${'★'.repeat(rating)} ${LABELS[language][rating - 1]}`;
}

/** The five picks of a survey, 5 stars first. */
export function surveyChoices(token: string, language: 'zh' | 'en'): MessageChoice[] {
  return [5, 4, 3, 2, 1].map((rating) => ({ id: `csat:${token}:${rating}`, title: ratingTitle(rating, language), reply: ratingTitle(rating, language) }));
}

/** The survey and rating a pressed button names, or null for any other button. */
export function parseSurveyButton(data: string | undefined | null): { token: string; rating: number } | null {
  const match = data ? BUTTON.exec(data) : null;
  return match ? { token: match[1]!, rating: Number(match[2]) } : null;
}
