import { useInboxStore } from '../../stores/inbox-store';
import { useSupervision } from '../../app/supervision-context';
import { useT } from '../../i18n/use-t';
import { useSupervisionStore } from '../../stores/supervision-store';
import { spanParts } from '../admin/whole-number';
import { waitingEscalations } from './escalation-logic';

/**
 * Customers who have waited for a person longer than the escalation time, newest alert first,
 * while they still wait: each opens the conversation or is dismissed.
 */
export function EscalationList() {
  const t = useT();
  const supervision = useSupervision();
  const escalations = useSupervisionStore((s) => s.escalations);
  const dismiss = useSupervisionStore((s) => s.dismissEscalation);
  const conversations = useInboxStore((s) => s.conversations);
  const shown = waitingEscalations(escalations, conversations);
  if (shown.length === 0) return null;
  const span = (seconds: number) =>
    spanParts(seconds)
      .map(({ unit, n }) => t(`settings.unit.${unit}`, { n }))
      .join(' ');
  return (
    <section className="monitor-escalations" aria-labelledby="monitor-escalations-heading" role="alert" data-testid="monitor-escalations">
      <h3 id="monitor-escalations-heading" className="admin-section-title">
        {t('monitor.escalations.heading')}
      </h3>
      <ul>
        {shown.map((alert) => (
          <li key={alert.conversationId} data-testid="monitor-escalation" data-conversation-id={alert.conversationId}>
            <span>{t('monitor.escalation.line', { name: alert.contactName, time: span(alert.afterSeconds) })}</span>
            {alert.groupName && <span className="dialog-muted"> · {t('monitor.escalation.group', { group: alert.groupName })}</span>}
            {alert.nobodyOnline && <span className="dialog-muted"> · {t('monitor.escalation.nobodyOnline')}</span>}{' '}
            <button type="button" className="button button-quiet" onClick={() => supervision.openConversation(alert.conversationId)}>
              {t('monitor.escalation.open')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => dismiss(alert.conversationId)}>
              {t('monitor.escalation.dismiss')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
