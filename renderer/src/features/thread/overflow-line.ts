import { parseOverflowNote } from '../../../../shared/routing-notes';
import type { Translate } from '../../i18n/translate';

/** The text of an agents-only system line: an overflow line in the agent's language, any other line as stored. */
export function internalSystemText(t: Translate, body: string): string {
  const overflow = parseOverflowNote(body);
  if (!overflow) return body;
  return overflow.to === null ? t('note.overflowAny', { from: overflow.from }) : t('note.overflow', { from: overflow.from, to: overflow.to });
}
