import { useEffect, useRef } from 'react';
import { fillTemplate, unfilledPlaceholders, type TemplateValues } from '../../../../shared/quick-replies';
import { useT } from '../../i18n/use-t';
import { bareShortcut, type TemplateMatch } from './template-match';

interface TemplatePickerProps {
  id: string;
  matches: readonly TemplateMatch[];
  active: number;
  query: string;
  values: TemplateValues;
  loading: boolean;
  onPick(index: number): void;
  onHover(index: number): void;
  onManage(): void;
}

/** A reply as it would be inserted, the values still to fill marked. */
function Preview({ text }: { text: string }) {
  const parts: { text: string; placeholder: boolean }[] = [];
  let at = 0;
  for (const p of unfilledPlaceholders(text)) {
    if (p.start > at) parts.push({ text: text.slice(at, p.start), placeholder: false });
    parts.push({ text: text.slice(p.start, p.end), placeholder: true });
    at = p.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), placeholder: false });
  return (
    <>
      {parts.map((part, i) =>
        part.placeholder ? (
          <mark key={i} className="quick-placeholder-mark">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

/** The option element id of a picker row, for the text box's aria-activedescendant. */
export const pickerOptionId = (pickerId: string, index: number) => `${pickerId}-option-${index}`;

/**
 * The "/" picker above the reply box: the replies matching what follows the slash, each shown as
 * it would be inserted (values filled, missing ones as placeholders). The text box keeps the focus;
 * arrow keys, Enter and Esc are handled there.
 */
export function TemplatePicker({ id, matches, active, query, values, loading, onPick, onHover, onManage }: TemplatePickerProps) {
  const t = useT();
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    listRef.current?.querySelector(`#${CSS.escape(pickerOptionId(id, active))}`)?.scrollIntoView({ block: 'nearest' });
  }, [id, active]);

  return (
    <div className="quick-picker" data-testid="quick-picker">
      {matches.length > 0 ? (
        <ul ref={listRef} id={id} className="quick-options" role="listbox" aria-label={t('quick.pickerLabel')}>
          {matches.map(({ template }, i) => (
            <li
              key={template.id}
              id={pickerOptionId(id, i)}
              role="option"
              aria-selected={i === active}
              className="quick-option"
              // Keep the focus (and the caret) in the text box.
              onMouseDown={(e) => {
                e.preventDefault();
                onPick(i);
              }}
              onMouseEnter={() => onHover(i)}
            >
              <span className="quick-option-head">
                <span className="quick-shortcut">/{bareShortcut(template.shortcut)}</span>
                <span className="quick-title">{template.title}</span>
                {template.category && <span className="tag">{template.category}</span>}
                <span className="quick-scope">{template.ownerId === null ? t('quick.team') : t('quick.personal')}</span>
              </span>
              <span className="quick-preview">
                <Preview text={fillTemplate(template.body, values)} />
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p id={id} className="quick-empty" role="status">
          {loading ? t('quick.loading') : query ? t('quick.noMatch', { query }) : t('quick.none')}
        </p>
      )}
      <div className="quick-picker-footer">
        <span className="quick-keys">{t('quick.keys')}</span>
        <button
          type="button"
          className="button button-small button-quiet"
          onMouseDown={(e) => e.preventDefault()}
          onClick={onManage}
        >
          {t('quick.manage')}
        </button>
      </div>
    </div>
  );
}
