import type { ConnectionState } from '../../../shared/contract';
import type { Language, Translate } from '../i18n/translate';
import { formatClock, secondsUntil } from './time';

/** The status line a person reads: "Online", "Offline since 14:03 — retrying in 5 s", … */
export function describeConnection(
  connection: ConnectionState | null,
  now: number,
  t: Translate,
  language: Language,
): string {
  if (!connection) return t('connection.unknown');
  switch (connection.status) {
    case 'online':
      return t('connection.online');
    case 'connecting':
      return t('connection.connecting');
    case 'signed_out':
      return t('connection.signed_out');
    case 'offline': {
      const time = formatClock(connection.since, language);
      const seconds = secondsUntil(connection.nextRetryAt, now);
      if (seconds === null) return t('connection.offline', { time });
      if (seconds === 0) return t('connection.retryingNow', { time });
      return t('connection.retryingIn', { time, seconds });
    }
  }
}
