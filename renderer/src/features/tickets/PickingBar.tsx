import { useT } from '../../i18n/use-t';
import { useCreateTicketStore } from './create-ticket-store';

/** Above the thread while messages are picked for a ticket: how many, and back to the dialog. */
export function PickingBar() {
  const t = useT();
  const count = useCreateTicketStore((s) => s.picked.length);
  const stop = useCreateTicketStore((s) => s.stopPicking);
  return (
    <div className="ticket-picking" role="region" aria-label={t('tickets.select.start')} data-testid="ticket-picking">
      <span role="status">{t('tickets.select.count', { count })}</span>
      <button type="button" className="button button-primary" data-testid="ticket-picking-done" onClick={stop}>
        {t('tickets.select.done')}
      </button>
    </div>
  );
}
