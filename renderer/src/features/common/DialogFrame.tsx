import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { focusableIn, trapTab } from '../../lib/focus-trap';

interface DialogFrameProps {
  testId: string;
  /** Added after `dialog` in the class name. */
  className?: string;
  titleId: string;
  /** The id of what describes the dialog, if anything. */
  describedBy?: string;
  title: ReactNode;
  /** The close button's label. */
  closeLabel: string;
  /** While busy the dialog cannot be closed (close button, Esc or a click outside). */
  busy: boolean;
  onClose(): void;
  /** What Esc does (closing, unless given). */
  onEscape?(): void;
  children: ReactNode;
}

/**
 * A modal dialog at the end of <body>, above every pane: a backdrop, a title with a close button,
 * and the content. Focus moves into it when it opens (its title and purpose are read out), Tab
 * stays inside, Esc and a click on the backdrop close it.
 */
export function DialogFrame({ testId, className, titleId, describedBy, title, closeLabel, busy, onClose, onEscape, children }: DialogFrameProps) {
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    dialogRef.current?.focus();
    // A modal keeps the focus: whatever moves it outside while this is the top-most dialog (a pane
    // finishing its loading and focusing its field) hands it back, so Tab and Esc still work here.
    function keepFocus(event: FocusEvent) {
      const dialog = dialogRef.current;
      const backdrop = dialog?.parentElement;
      if (!dialog || !backdrop || dialog.contains(event.target as Node)) return;
      const backdrops = document.querySelectorAll('.dialog-backdrop');
      if (backdrops[backdrops.length - 1] === backdrop) dialog.focus();
    }
    document.addEventListener('focusin', keepFocus);
    return () => document.removeEventListener('focusin', keepFocus);
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      if (!busy) (onEscape ?? onClose)();
      return;
    }
    if (event.key !== 'Tab' || !dialogRef.current) return;
    const focusable = focusableIn(dialogRef.current);
    const current = focusable.indexOf(document.activeElement as HTMLElement);
    const next = trapTab(current, focusable.length, event.shiftKey);
    if (next === null) return;
    event.preventDefault();
    focusable[next]?.focus();
  }

  return createPortal(
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div
        ref={dialogRef}
        className={className ? `dialog ${className}` : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        data-testid={testId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <div className="dialog-header">
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          <button
            type="button"
            className="dialog-close"
            aria-label={closeLabel}
            title={closeLabel}
            disabled={busy}
            onClick={() => onClose()}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
        {children}
      </div>
    </div>,
    document.body,
  );
}
