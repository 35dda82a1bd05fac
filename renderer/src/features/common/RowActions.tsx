import { ConfirmDelete, type ConfirmDeleteProps } from './ConfirmDelete';

export interface RowButton {
  text: string;
  label: string;
  testId?: string;
  disabled: boolean;
  onClick(): void;
}

interface RowActionsProps {
  /** Whether the row asks to confirm its deletion instead of offering edit and delete. */
  confirming: boolean;
  confirm: ConfirmDeleteProps;
  edit: RowButton;
  /** The first step of deleting: it asks, through `confirm`, before anything is deleted. */
  remove: RowButton;
}

/** The last cell's content in an admin list row: edit and delete, or the question that confirms a delete. */
export function RowActions({ confirming, confirm, edit, remove }: RowActionsProps) {
  return (
    <div className="sensitive-row-actions">
      {confirming ? (
        <ConfirmDelete {...confirm} />
      ) : (
        <>
          <SmallButton {...edit} />
          <SmallButton {...remove} />
        </>
      )}
    </div>
  );
}

function SmallButton({ text, label, testId, disabled, onClick }: RowButton) {
  return (
    <button type="button" className="button button-quiet button-small" data-testid={testId} aria-label={label} disabled={disabled} onClick={onClick}>
      {text}
    </button>
  );
}
