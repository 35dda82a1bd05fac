import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/use-t';
import { isOfferToMe, newOffers } from '../../stores/inbox-logic';
import { useInboxStore } from '../../stores/inbox-store';

/**
 * Tells screen readers when a chat is offered to the agent ("New chat offered: Wang Fang"). The
 * live region is always in the page, so the change of its text is what gets announced.
 */
export function OfferAnnouncer() {
  const t = useT();
  const conversations = useInboxStore((s) => s.conversations);
  const me = useInboxStore((s) => s.me);
  const announced = useRef<Set<string>>(new Set());
  const [text, setText] = useState('');

  useEffect(() => {
    const fresh = newOffers(announced.current, conversations, me);
    // Forget offers that ended, so the same chat offered again is announced again.
    const current = new Set(conversations.filter((c) => isOfferToMe(c, me)).map((c) => c.id));
    announced.current = current;
    if (fresh.length > 0) setText(fresh.map((c) => t('offer.announce', { name: c.contactName })).join(' '));
  }, [conversations, me, t]);

  return (
    <div className="visually-hidden" role="status" aria-live="assertive" aria-atomic="true" data-testid="offer-announcer">
      {text}
    </div>
  );
}
