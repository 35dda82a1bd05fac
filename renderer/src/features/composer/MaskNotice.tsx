import { useEffect, useRef } from 'react';
import type { MaskedItem } from '../../../../shared/reply-masking';
import type { Translate } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';

/** One line per masked thing: "Card number ending 2223 will be sent as **** **** **** ****". */
export function describeMaskedItem(t: Translate, item: MaskedItem): string {
  switch (item.kind) {
    case 'word':
      return t('composer.mask.word', { text: item.text, masked: item.masked });
    case 'card':
      return t('composer.mask.card', { ending: item.ending, masked: item.masked });
    case 'resident_id':
      return t('composer.mask.resident_id', { ending: item.ending, masked: item.masked });
    case 'mobile':
      return t('composer.mask.mobile', { ending: item.ending, masked: item.masked });
    case 'phone':
      return t('composer.mask.phone', { ending: item.ending, masked: item.masked });
  }
}

/**
 * Tells the agent, while they type, what the reply will have masked. After they press Send it
 * asks: send it masked, or keep editing (the text stays in the box either way).
 */
export function MaskNotice({
  id,
  items,
  asking,
  onConfirm,
  onEdit,
}: {
  id: string;
  items: readonly MaskedItem[];
  asking: boolean;
  onConfirm(): void;
  onEdit(): void;
}) {
  const t = useT();
  const confirmRef = useRef<HTMLButtonElement>(null);
  // Enter right after Send presses "Send masked", never the textarea's send again.
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (items.length === 0) return null;
  return (
    <div id={id} className="composer-notice composer-mask-notice" data-testid="mask-notice" data-asking={asking || undefined} role="status">
      <p className="composer-mask-title">{t('composer.mask.title')}</p>
      <ul className="composer-mask-items">
        {items.map((item) => (
          <li key={`${item.start}:${item.end}`}>{describeMaskedItem(t, item)}</li>
        ))}
      </ul>
      {asking && (
        <div className="composer-mask-ask">
          <p>{t('composer.mask.ask')}</p>
          <button ref={confirmRef} type="button" className="button button-primary" data-testid="mask-confirm" onClick={onConfirm}>
            {t('composer.mask.confirm')}
          </button>
          <button type="button" className="button" data-testid="mask-edit" onClick={onEdit}>
            {t('composer.mask.edit')}
          </button>
        </div>
      )}
    </div>
  );
}
