import type { Template } from '../../../../shared/domain';
import { useT } from '../../i18n/use-t';

/** A quick reply's Edit and Delete buttons (Delete asks once: `confirming` names the reply it asks for). */
export function TemplateRowActions({ template, disabled, confirming, onEdit, onRemove }: {
  template: Template;
  disabled: boolean;
  confirming: string | null;
  onEdit(template: Template): void;
  onRemove(template: Template): void;
}) {
  const t = useT();
  return (
    <>
      <button type="button" className="button button-small" disabled={disabled} onClick={() => onEdit(template)}>
        {t('quick.edit')}
      </button>
      <button type="button" className="button button-small button-danger" disabled={disabled} onClick={() => onRemove(template)}>
        {confirming === template.id ? t('quick.confirmDelete') : t('quick.delete')}
      </button>
    </>
  );
}
