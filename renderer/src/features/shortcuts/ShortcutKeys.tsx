import { Fragment } from 'react';
import { useT } from '../../i18n/use-t';
import { formatCombo } from './key-combo';
import type { KeyPlatform } from './platform';

/** A shortcut's key combinations as keycaps: "Ctrl+K", or "? or Ctrl+/". */
export function ShortcutKeys({ keys, platform }: { keys: readonly string[]; platform: KeyPlatform }) {
  const t = useT();
  return (
    <span className="shortcut-keys">
      {keys.map((spec, i) => (
        <Fragment key={spec}>
          {i > 0 && <span className="shortcut-or"> {t('shortcut.or')} </span>}
          <kbd>{formatCombo(spec, platform)}</kbd>
        </Fragment>
      ))}
    </span>
  );
}
