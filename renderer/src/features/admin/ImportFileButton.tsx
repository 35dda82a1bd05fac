import { useRef, type ChangeEvent } from 'react';

/**
 * A button that opens the file chooser for an import, with its hidden file input: says `busyLabel`
 * while the chosen file is read, and hands the change event to `onFile`.
 */
export function ImportFileButton({ testId, label, busyLabel, fileLabel, accept, busy, disabled, onFile }: {
  /** The button's test id; the input's is `${testId}-file`. */
  testId: string;
  label: string;
  busyLabel: string;
  /** The file input's accessible name. */
  fileLabel: string;
  accept: string;
  busy: boolean;
  disabled: boolean;
  onFile: (event: ChangeEvent<HTMLInputElement>) => Promise<void>;
}) {
  const fileRef = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="button button-quiet" data-testid={testId} disabled={disabled || busy} onClick={() => fileRef.current?.click()}>
        {busy ? busyLabel : label}
      </button>
      <input ref={fileRef} type="file" accept={accept} hidden data-testid={`${testId}-file`} aria-label={fileLabel} onChange={(e) => void onFile(e)} />
    </>
  );
}
