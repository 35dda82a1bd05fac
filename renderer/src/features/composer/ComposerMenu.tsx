import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/use-t';
import { useStartTicket } from '../tickets/use-start-ticket';

/** The composer's "more" menu: create a ticket from this conversation (also Ctrl/⌘+Shift+T). */
export function ComposerMenu({ conversationId }: { conversationId: string }) {
  const t = useT();
  const start = useStartTicket();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRef = useRef<HTMLButtonElement>(null);

  function toggle() {
    setOpen((was) => !was);
    requestAnimationFrame(() => itemRef.current?.focus());
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    }
  }

  return (
    <div className="composer-menu">
      <button
        ref={buttonRef}
        type="button"
        className="button button-quiet"
        data-testid="composer-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t('tickets.create.open')}
        onClick={toggle}
      >
        ⋯
      </button>
      {open && (
        <div id={menuId} role="menu" className="composer-menu-list" onKeyDown={onMenuKey}>
          <button
            ref={itemRef}
            type="button"
            role="menuitem"
            data-testid="composer-create-ticket"
            onClick={() => {
              setOpen(false);
              start(conversationId);
            }}
          >
            {t('tickets.create.open')} <kbd>{t('tickets.create.shortcut')}</kbd>
          </button>
        </div>
      )}
    </div>
  );
}
