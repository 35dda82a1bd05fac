import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../i18n/use-t';
import { useInboxStore } from '../../stores/inbox-store';
import { useSessionStore } from '../../stores/session-store';
import { activityIn } from '../../stores/supervision-logic';
import { useSupervisionStore } from '../../stores/supervision-store';
import { isStaff } from '../watch/watch-logic';
import { describeOthersHere, othersHere, type OthersHere } from './presence-text';

/** Colleagues in the conversation besides the user, kept live by `activity.changed`. */
function useOthersHere(conversationId: string): OthersHere {
  const people = useSupervisionStore((s) => s.activity[conversationId]);
  const me = useInboxStore((s) => s.me);
  return useMemo(
    () => othersHere(people ? activityIn({ [conversationId]: people }, conversationId, me) : []),
    [people, conversationId, me],
  );
}

/** The thread header's line saying who else is viewing or typing here (names only). */
export function OthersHereLine({ conversationId }: { conversationId: string }) {
  const t = useT();
  const text = describeOthersHere(t, useOthersHere(conversationId));
  if (!text) return null;
  return (
    <p className="thread-presence" data-testid="thread-presence" title={t('activity.label')}>
      <span className="thread-presence-dot" aria-hidden="true" />
      <span className="visually-hidden">{t('activity.label')}: </span>
      {text}
    </p>
  );
}

/**
 * Supervisors and admins: what colleagues are typing in this conversation, live, under the thread.
 * Styled apart from messages: nothing here has been sent.
 */
export function TypingPreviews({ conversationId }: { conversationId: string }) {
  const t = useT();
  const staff = useSessionStore((s) => isStaff(s.session?.user?.role));
  const { typing } = useOthersHere(conversationId);
  const shown = staff ? typing.filter((p) => p.preview !== null) : [];
  if (shown.length === 0) return null;
  return (
    <section className="typing-previews" aria-label={t('activity.previewsLabel')} data-testid="typing-previews">
      {shown.map((person) => (
        <div key={person.userId} className="typing-preview" data-testid="typing-preview" data-user-id={person.userId}>
          <p className="typing-preview-meta">
            <span className="typing-preview-name">{t('activity.previewOf', { name: person.name })}</span>
            <span className="typing-preview-hint">{t('activity.previewHint')}</span>
          </p>
          <p className="typing-preview-text">{person.preview}</p>
        </div>
      ))}
    </section>
  );
}

/** "The customer is typing…" under the thread while the customer's flag holds (it lapses by itself). */
export function CustomerTypingLine({ conversationId }: { conversationId: string }) {
  const t = useT();
  const until = useSupervisionStore((s) => s.customerTyping[conversationId]);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === undefined) return;
    const current = Date.now();
    setNow(current);
    if (until <= current) return;
    const timer = setTimeout(() => setNow(Date.now()), until - current);
    return () => clearTimeout(timer);
  }, [until]);
  if (until === undefined || until <= now) return null;
  return (
    <p className="customer-typing" data-testid="customer-typing" role="status">
      <span className="customer-typing-dots" aria-hidden="true" />
      {t('activity.customerTyping')}
    </p>
  );
}
