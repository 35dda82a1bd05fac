import { useContext, useEffect } from 'react';
import { useController } from '../../app/controller-context';
import { SupervisionContext } from '../../app/supervision-context';
import { TicketsContext } from '../../app/tickets-context';
import { useLanguageStore } from '../../i18n/language-store';
import { useViewStore } from '../../stores/view-store';
import { useT } from '../../i18n/use-t';
import { useDraftsStore } from '../../stores/drafts-store';
import { useInboxStore } from '../../stores/inbox-store';
import { nextExpiry, type Notice } from './notice-logic';
import { useNoticeStore } from './notice-store';
import { describeNotice } from './notice-text';

/**
 * The notices in the corner: mentions, takeovers of the agent's chats and, for supervisors,
 * sensitive-word alerts. New ones are announced to screen readers; each can be dismissed, and all
 * but a takeover go away by themselves after a while.
 */
export function NoticeCenter() {
  const t = useT();
  const notices = useNoticeStore((s) => s.notices);
  const prune = useNoticeStore((s) => s.prune);

  // One timer, for the notice that expires first; it is set again whenever the stack changes.
  useEffect(() => {
    const at = nextExpiry(notices);
    if (at === null) return;
    const handle = window.setTimeout(() => prune(), Math.max(0, at - Date.now()));
    return () => window.clearTimeout(handle);
  }, [notices, prune]);

  return (
    <section className="notice-center" aria-label={t('notice.label')} data-testid="notice-center">
      <ol className="notice-list" aria-live="polite" aria-relevant="additions text">
        {notices.map((notice) => (
          <NoticeItem key={notice.id} notice={notice} />
        ))}
      </ol>
    </section>
  );
}

function NoticeItem({ notice }: { notice: Notice }) {
  const t = useT();
  const controller = useController();
  const supervision = useContext(SupervisionContext);
  const tickets = useContext(TicketsContext);
  const language = useLanguageStore((s) => s.language);
  const setView = useViewStore((s) => s.setView);
  const dismiss = useNoticeStore((s) => s.dismiss);
  const { data } = notice;
  // A ticket's SLA notice opens the ticket; the others open their conversation when it is in the inbox.
  const id = data.kind === 'ticketSla' ? '' : data.conversationId;
  const inInbox = useInboxStore((s) => s.byId[id] !== undefined);
  // A takeover says the reply came back only when it did: the chat is kept for it, or its draft holds text.
  const draftKept = useInboxStore((s) => s.byId[id]?.access === 'lost');
  const draftText = useDraftsStore((s) => (s.byConversation[id]?.text ?? '').trim() !== '');
  const text = describeNotice(t, data, data.kind === 'taken' && (draftKept || draftText), language);
  const canOpen = data.kind === 'ticketSla' ? tickets !== null : inInbox;

  function open() {
    if (data.kind === 'ticketSla') {
      setView('tickets');
      void tickets?.open(data.sla.ticketId);
      dismiss(notice.id);
      return;
    }
    // From the live monitor, opening also brings the inbox back; elsewhere selecting is enough.
    if (supervision) supervision.openConversation(id);
    else controller.selectConversation(id);
    dismiss(notice.id);
  }

  return (
    <li className="notice" data-kind={data.kind} data-sla={data.kind === 'ticketSla' ? data.sla.kind : undefined} data-testid="notice">
      <p className="notice-text">{text}</p>
      <div className="notice-actions">
        {canOpen && (
          <button type="button" className="button button-small button-primary" data-testid="notice-open" onClick={open}>
            {t('notice.open')}
          </button>
        )}
        <button
          type="button"
          className="notice-dismiss"
          aria-label={t('notice.dismiss')}
          title={t('notice.dismiss')}
          data-testid="notice-dismiss"
          onClick={() => dismiss(notice.id)}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
    </li>
  );
}
