import type { TeamMember } from '../../../../shared/domain';
import { useT } from '../../i18n/use-t';

interface AgentOptionProps {
  member: TeamMember;
  /** At their chat limit: shown, and said to screen readers. */
  full: boolean;
  selectable: boolean;
  checked: boolean;
  saving: boolean;
  /** The radio group's name. */
  group: string;
  value: string;
  testId: string;
  onChoose(): void;
}

/** One colleague as a radio choice: presence, name and load (used by transfer and takeover). */
export function AgentOption({ member, full, selectable, checked, saving, group, value, testId, onChoose }: AgentOptionProps) {
  const t = useT();
  return (
    <label className="transfer-option" data-disabled={selectable ? undefined : 'true'} data-testid={testId} data-agent-id={member.id}>
      <input type="radio" name={group} value={value} checked={checked} disabled={!selectable || saving} onChange={onChoose} />
      <span className="presence-dot" data-presence={member.presence} aria-hidden="true" />
      <span className="transfer-option-name">{member.name}</span>
      <span className="transfer-option-meta">{t(`presence.${member.presence}`)}</span>
      <span
        className={full ? 'transfer-load transfer-load-full' : 'transfer-load'}
        title={t('transfer.loadTitle', { load: member.load, max: member.maxChats })}
      >
        {t('transfer.load', { load: member.load, max: member.maxChats })}
        {full && <span className="visually-hidden"> {t('transfer.full')}</span>}
      </span>
    </label>
  );
}
