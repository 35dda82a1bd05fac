import { useRef } from 'react';
import { formatBytes } from '../../../../shared/outbound-files';
import { useT } from '../../i18n/use-t';
import type { ComposerFile } from './use-composer-file';

/** The attach button with its file picker. */
export function AttachButton({ disabled, onPick }: { disabled: boolean; onPick(file: File): void }) {
  const t = useT();
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="button button-quiet"
        data-testid="attach-button"
        aria-label={t('composer.attach')}
        title={t('composer.attach')}
        disabled={disabled}
        onClick={() => inputRef.current?.click()}
      >
        <span aria-hidden="true">📎</span>
      </button>
      <input
        ref={inputRef}
        type="file"
        hidden
        data-testid="attach-input"
        aria-label={t('composer.attach')}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onPick(file);
          e.target.value = '';
        }}
      />
    </>
  );
}

/** The file waiting to go with the reply: its name and size, and a button that takes it out. */
export function FilePreview({ file, disabled, onRemove }: { file: ComposerFile; disabled: boolean; onRemove(): void }) {
  const t = useT();
  return (
    <div className="composer-file" data-testid="composer-file">
      <span aria-hidden="true">📎</span>
      <span className="composer-file-name">{file.name}</span>
      <span className="composer-file-size">{formatBytes(file.size)}</span>
      <button
        type="button"
        className="button button-quiet button-small"
        aria-label={t('composer.removeFile', { name: file.name })}
        disabled={disabled}
        onClick={onRemove}
      >
        ×
      </button>
    </div>
  );
}
