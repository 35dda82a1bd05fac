export interface ConfirmDeleteProps {
  /** The question before the buttons ("Delete this reply?"). */
  question: string;
  /** The delete button's text ("Delete", or "Deleting…" while it runs). */
  deleteText: string;
  deleteLabel?: string;
  deleteTestId?: string;
  deleteDisabled: boolean;
  keepText: string;
  keepDisabled: boolean;
  onDelete(): void;
  onKeep(): void;
}

/** The second step of deleting a row: the question, a delete button and a "keep" button, which has the focus. */
export function ConfirmDelete({ question, deleteText, deleteLabel, deleteTestId, deleteDisabled, keepText, keepDisabled, onDelete, onKeep }: ConfirmDeleteProps) {
  return (
    <>
      <span className="sensitive-confirm">{question}</span>
      <button
        type="button"
        className="button button-danger button-small"
        data-testid={deleteTestId}
        aria-label={deleteLabel}
        disabled={deleteDisabled}
        onClick={onDelete}
      >
        {deleteText}
      </button>
      <button
        type="button"
        className="button button-quiet button-small"
        // Focus lands on the safe choice; deleting takes a deliberate second step.
        autoFocus
        disabled={keepDisabled}
        onClick={onKeep}
      >
        {keepText}
      </button>
    </>
  );
}
