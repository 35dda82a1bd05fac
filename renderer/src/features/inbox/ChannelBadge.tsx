import type { ChannelKind } from '../../../../shared/domain';
import { useT } from '../../i18n/use-t';

/** A small coloured tag naming the channel a conversation came from. */
export function ChannelBadge({ kind }: { kind: ChannelKind }) {
  const t = useT();
  return (
    <span className="channel-badge" data-channel={kind}>
      {t(`channel.${kind}`)}
    </span>
  );
}
