import { useId, useRef, useState } from 'react';
import { COMMON_EMOJI } from '../../../../shared/emoji';
import { useT } from '../../i18n/use-t';

/**
 * The composer's emoji button and its grid: a pick is inserted where the caret was (`onPick`), and
 * the grid closes. Esc closes it too, giving the focus back to the button.
 */
export function EmojiPicker({ disabled, onPick }: { disabled: boolean; onPick(emoji: string): void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const gridId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  return (
    <div className="emoji-picker">
      <button
        ref={buttonRef}
        type="button"
        className="button button-quiet"
        data-testid="emoji-button"
        aria-label={t('composer.emoji')}
        title={t('composer.emoji')}
        aria-expanded={open}
        aria-controls={open ? gridId : undefined}
        disabled={disabled}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">🙂</span>
      </button>
      {open && (
        <div
          id={gridId}
          className="emoji-grid"
          role="group"
          aria-label={t('composer.emojiPicker')}
          data-testid="emoji-grid"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.stopPropagation();
            setOpen(false);
            buttonRef.current?.focus();
          }}
        >
          {COMMON_EMOJI.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className="emoji-choice"
              aria-label={emoji}
              onClick={() => {
                setOpen(false);
                onPick(emoji);
              }}
            >
              {emoji}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
