import { useState } from 'react';
import { toAppError } from '../../../../shared/errors';
import { useTickets } from '../../app/tickets-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useTeamStore } from '../../stores/team-store';
import { useTicketsStore } from './tickets-store';

/** Shown while tickets are ticked: assign them all to someone, or close them all. */
export function TicketBulkBar() {
  const t = useT();
  const tickets = useTickets();
  const checked = useTicketsStore((s) => s.checked);
  const agents = useTeamStore((s) => s.agents);
  const [assignee, setAssignee] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  if (checked.length === 0 && !message) return null;

  async function run(args: { assigneeId?: string | null; status?: 'closed' }) {
    setBusy(true);
    setMessage(null);
    try {
      const result = await tickets.bulk(args);
      setMessage(t('tickets.bulk.done', { updated: result.updated, refused: result.refused.length }));
    } catch (err) {
      setMessage(t('tickets.bulk.failed', { reason: describeError(t, toAppError(err).toJSON()) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="ticket-bulk" role="toolbar" aria-label={t('tickets.bulk.label')} data-testid="ticket-bulk">
      <span className="ticket-bulk-count">{t('tickets.bulk.selected', { count: checked.length })}</span>
      <label className="visually-hidden" htmlFor="ticket-bulk-assignee">
        {t('tickets.bulk.assignTo')}
      </label>
      <select id="ticket-bulk-assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)} disabled={busy || checked.length === 0}>
        <option value="">{t('tickets.unassigned')}</option>
        {agents.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      <button type="button" className="button" disabled={busy || checked.length === 0} onClick={() => void run({ assigneeId: assignee || null })}>
        {t('tickets.bulk.assign')}
      </button>
      <button type="button" className="button" disabled={busy || checked.length === 0} onClick={() => void run({ status: 'closed' })}>
        {t('tickets.bulk.close')}
      </button>
      {message && (
        <span className="ticket-bulk-message" role="status">
          {message}
        </span>
      )}
    </div>
  );
}
