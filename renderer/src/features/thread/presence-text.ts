import type { Activity } from '../../../../shared/domain';
import type { Translate } from '../../i18n/translate';

export interface TypingPerson {
  userId: string;
  name: string;
  /** What they are typing: only supervisors and admins are given it (null otherwise, or when empty). */
  preview: string | null;
}

/** The colleagues in a conversation (the user left out): those only looking, and those typing. */
export interface OthersHere {
  viewing: string[];
  typing: TypingPerson[];
}

/** Splits colleagues' activity (see activityIn) into who is viewing and who is typing, order kept. */
export function othersHere(activity: readonly Activity[]): OthersHere {
  return {
    viewing: activity.filter((a) => a.state === 'viewing').map((a) => a.name),
    typing: activity
      .filter((a) => a.state === 'typing')
      .map((a) => ({ userId: a.userId, name: a.name, preview: a.preview !== null && a.preview.trim() !== '' ? a.preview : null })),
  };
}

function names(t: Translate, list: readonly string[]): string {
  return list.join(t('activity.separator'));
}

/**
 * The line in the thread header saying who else is here: "王芳 is typing… · 李雷 is also viewing".
 * Null when nobody else is.
 */
export function describeOthersHere(t: Translate, others: OthersHere): string | null {
  const parts: string[] = [];
  const typing = others.typing.map((p) => p.name);
  if (typing.length === 1) parts.push(t('activity.typingOne', { name: typing[0] ?? '' }));
  else if (typing.length > 1) parts.push(t('activity.typingMany', { names: names(t, typing) }));
  if (others.viewing.length === 1) parts.push(t('activity.viewingOne', { name: others.viewing[0] ?? '' }));
  else if (others.viewing.length > 1) parts.push(t('activity.viewingMany', { names: names(t, others.viewing) }));
  return parts.length > 0 ? parts.join(' · ') : null;
}
