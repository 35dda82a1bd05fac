import { describeConnection } from '../../lib/connection-text';
import { useNow } from '../../lib/use-now';
import { useT, useLanguage } from '../../i18n/use-t';
import { useConnectionStore } from '../../stores/connection-store';
import { describeError } from '../../i18n/translate';

/** Always-visible connection status; ticks once a second while a retry countdown runs. */
export function ConnectionStatus() {
  const t = useT();
  const language = useLanguage();
  const connection = useConnectionStore((s) => s.connection);
  const now = useNow(1000, connection?.status === 'offline' && connection.nextRetryAt !== null);
  const status = connection?.status ?? 'unknown';
  const text = describeConnection(connection, now, t, language);
  const detail = connection?.error ? describeError(t, connection.error) : undefined;
  return (
    <div
      className="connection-status"
      data-testid="connection-status"
      data-status={status}
      role="status"
      aria-label={t('connection.label')}
      title={detail}
    >
      <span className="connection-dot" aria-hidden="true" />
      <span>{text}</span>
    </div>
  );
}
