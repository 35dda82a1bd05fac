import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/use-t';
import { canActOn } from '../../stores/inbox-logic';
import { useInboxStore } from '../../stores/inbox-store';
import { useCreateTicketStore } from './create-ticket-store';
import { CreateTicketDialog } from './CreateTicketDialog';
import { isCreateTicketKey } from './ticket-logic';
import { useStartTicket } from './use-start-ticket';

/**
 * In the inbox: Ctrl/⌘+Shift+T opens the create-ticket dialog for the open conversation; the
 * dialog itself, and what became of the last ticket created here.
 */
export function CreateTicketLauncher() {
  const t = useT();
  const start = useStartTicket();
  const dialogOpen = useCreateTicketStore((s) => s.dialogOpen);
  const notice = useCreateTicketStore((s) => s.notice);
  const returnFocus = useRef<HTMLElement | null>(null);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!isCreateTicketKey(event)) return;
      const inbox = useInboxStore.getState();
      const conversation = inbox.selectedId ? inbox.byId[inbox.selectedId] : undefined;
      if (!conversation || !canActOn(conversation)) return;
      event.preventDefault();
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      start(conversation.id);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [start]);

  return (
    <>
      {dialogOpen && <CreateTicketDialog onClosed={() => requestAnimationFrame(() => returnFocus.current?.focus())} />}
      {notice && (
        <p className="create-ticket-notice" role="status" data-testid="create-ticket-notice">
          {notice.kind === 'created' ? t('tickets.create.created', { number: notice.number }) : t('tickets.create.queued')}
        </p>
      )}
    </>
  );
}
