import type { ChannelKind } from '../../../../shared/domain';
import { useT } from '../../i18n/use-t';

/** A 16×16 outline drawing per channel (chat bubble, phone, paper plane, two bubbles, envelope, brackets). */
const iconPaths: Record<ChannelKind, string> = {
  widget: 'M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z',
  whatsapp: 'M8 2a6 6 0 0 0-5.2 9l-.8 3 3.1-.8A6 6 0 1 0 8 2zM6 5.5c.5 1.8 2 3.5 4.5 4.5',
  telegram: 'M2 7.5 14 2.5l-2 11-4-3.5-2 2.5v-3.5L13 3.5',
  wechat: 'M2 3.5h8v5H6l-2 2v-2H2zM10 6.5h4v5h-1.5v1.5l-1.5-1.5H8.5v-2',
  email: 'M2 4h12v8H2zM2 4.5l6 4.5 6-4.5',
  api: 'M5.5 4 2 8l3.5 4M10.5 4 14 8l-3.5 4',
};

/**
 * Names the channel a conversation came from: a coloured tag, or (compact) a small icon whose
 * name is read out and shown on hover.
 */
export function ChannelBadge({ kind, compact = false }: { kind: ChannelKind; compact?: boolean }) {
  const t = useT();
  if (compact) {
    return (
      <span className="channel-icon" data-channel={kind} data-testid="channel-icon" role="img" aria-label={t(`channel.${kind}`)} title={t(`channel.${kind}`)}>
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <path d={iconPaths[kind]} fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" strokeLinecap="round" />
        </svg>
      </span>
    );
  }
  return (
    <span className="channel-badge" data-channel={kind}>
      {t(`channel.${kind}`)}
    </span>
  );
}
