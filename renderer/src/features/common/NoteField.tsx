interface NoteFieldProps {
  id: string;
  hintId: string;
  label: string;
  value: string;
  placeholder: string;
  rows: number;
  /** Shown in place of the hint, as an error, when the note is too long. */
  tooLong: string | null;
  hint: string;
  disabled: boolean;
  testId?: string;
  onChange(value: string): void;
}

/** A free-text note in a dialog, with a hint under it that turns into an error when the note is too long. */
export function NoteField({ id, hintId, label, value, placeholder, rows, tooLong, hint, disabled, testId, onChange }: NoteFieldProps) {
  return (
    <div className="field transfer-note">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        className="transfer-note-input"
        rows={rows}
        value={value}
        placeholder={placeholder}
        aria-describedby={hintId}
        aria-invalid={tooLong !== null ? true : undefined}
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={hintId} className={tooLong !== null ? 'dialog-field-error' : 'dialog-muted dialog-hint'}>
        {tooLong ?? hint}
      </p>
    </div>
  );
}
