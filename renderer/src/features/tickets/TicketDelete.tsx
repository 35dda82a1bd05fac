import { useState } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useTickets } from '../../app/tickets-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { ConfirmDelete } from '../common/ConfirmDelete';

/** Supervisors and admins: deletes the open ticket, after a second, deliberate step. */
export function TicketDelete({ ticketId, number }: { ticketId: string; number: number }) {
  const t = useT();
  const controller = useTickets();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await controller.remove(ticketId);
    } catch (err) {
      setError(toAppError(err).toJSON());
      setBusy(false);
    }
  }

  return (
    <div className="ticket-delete">
      {asking ? (
        <ConfirmDelete
          question={t('tickets.delete.question', { number })}
          deleteText={busy ? t('tickets.delete.deleting') : t('tickets.delete.confirm')}
          deleteDisabled={busy}
          keepText={t('tickets.delete.keep')}
          keepDisabled={busy}
          onDelete={() => void remove()}
          onKeep={() => setAsking(false)}
        />
      ) : (
        <button type="button" className="button button-quiet" onClick={() => setAsking(true)}>
          {t('tickets.delete.open')}
        </button>
      )}
      {error && <p role="alert">{t('tickets.delete.failed', { reason: describeError(t, error) })}</p>}
    </div>
  );
}
