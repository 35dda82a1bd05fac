import { useId } from 'react';
import { useT } from '../../i18n/use-t';
import { DialogFrame } from '../common/DialogFrame';
import type { KeyPlatform } from './platform';
import { ShortcutKeys } from './ShortcutKeys';
import { shortcutScopes, shortcutTable } from './shortcut-table';

/** Every keyboard shortcut, by where it applies, generated from the table that binds them. */
export function ShortcutSheet({ platform, onClose }: { platform: KeyPlatform; onClose(): void }) {
  const t = useT();
  const ids = { title: useId(), intro: useId() };
  return (
    <DialogFrame
      testId="shortcut-sheet"
      className="shortcut-sheet"
      titleId={ids.title}
      describedBy={ids.intro}
      title={t('shortcut.sheetTitle')}
      closeLabel={t('shortcut.sheetClose')}
      busy={false}
      onClose={onClose}
    >
      <p id={ids.intro} className="shortcut-intro">
        {t('shortcut.sheetIntro')}
      </p>
      {shortcutScopes.map((scope) => (
        <section key={scope} className="shortcut-group" aria-labelledby={`${ids.title}-${scope}`}>
          <h3 id={`${ids.title}-${scope}`} className="shortcut-group-title">
            {t(`shortcut.scope.${scope}`)}
          </h3>
          <dl className="shortcut-list">
            {shortcutTable
              .filter((s) => s.scope === scope)
              .map((s) => (
                <div key={s.id} className="shortcut-row" data-testid="shortcut-row" data-shortcut={s.id}>
                  <dt>{t(s.label)}</dt>
                  <dd>
                    <ShortcutKeys keys={s.keys} platform={platform} />
                  </dd>
                </div>
              ))}
          </dl>
        </section>
      ))}
    </DialogFrame>
  );
}
