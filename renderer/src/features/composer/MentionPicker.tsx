import type { TeamMember } from '../../../../shared/domain';
import { useT } from '../../i18n/use-t';

interface MentionPickerProps {
  id: string;
  query: string;
  choices: readonly TeamMember[];
  active: number;
  loading: boolean;
  /** The id of the option row, for the textarea's aria-activedescendant. */
  optionId(index: number): string;
  onPick(member: TeamMember): void;
  onHover(index: number): void;
}

/** The colleagues list "@" opens in a note; the textarea keeps focus and drives it with the arrow keys. */
export function MentionPicker({ id, query, choices, active, loading, optionId, onPick, onHover }: MentionPickerProps) {
  const t = useT();
  return (
    <div className="mention-picker" data-testid="mention-picker">
      {choices.length > 0 ? (
        <ul id={id} className="mention-list" role="listbox" aria-label={t('note.mentionList')}>
          {choices.map((member, index) => (
            <li
              key={member.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className="mention-option"
              data-testid="mention-option"
              data-user-id={member.id}
              // Keeps the focus (and the caret) in the textarea.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => onHover(index)}
              onClick={() => onPick(member)}
            >
              <span className="presence-dot" data-presence={member.presence} aria-hidden="true" />
              <span className="mention-name">{member.name}</span>
              <span className="mention-role">{t(`role.${member.role}`)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mention-empty" role="status">
          {loading ? t('note.mentionLoading') : t('note.mentionNone', { query })}
        </p>
      )}
      <p className="mention-hint">{t('note.mentionHint')}</p>
    </div>
  );
}
