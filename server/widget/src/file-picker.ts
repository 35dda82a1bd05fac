import type { WidgetTranslate } from '../../../shared/i18n/widget';
import { formatBytes, WIDGET_MAX_FILE_BYTES } from '../../../shared/outbound-files';
import type { UploadOutcome } from './file-upload';

export type FilePickerParts = {
  button: HTMLButtonElement;
  input: HTMLInputElement;
  /** Where a file may also be dropped (the chat). */
  drop: HTMLElement;
  /** The widget's token; none before the first connect. */
  token: () => string | undefined;
  upload: (token: string, file: File) => Promise<UploadOutcome>;
  /** The kept file goes out as the customer's next message. */
  send: (upload: { fileId: string; fileName: string }) => void;
  note: (text: string) => void;
  t: WidgetTranslate;
};

/**
 * The customer's way to send a photo or a file: the 📎 button's file picker, or a file dropped on
 * the chat. Larger than the widget takes is refused at once; otherwise it is uploaded first and
 * then sent as a message naming it (the typed text its caption).
 */
export function attachFilePicker(parts: FilePickerParts): void {
  const { button, input, drop, t } = parts;
  const take = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > WIDGET_MAX_FILE_BYTES) return parts.note(t('widget.file.tooLarge', { maxSize: formatBytes(WIDGET_MAX_FILE_BYTES) }));
    const token = parts.token();
    if (!token) return parts.note(t('widget.file.failed'));
    parts.note(t('widget.file.uploading', { name: file.name }));
    const outcome = await parts.upload(token, file);
    if (outcome.ok) {
      parts.note('');
      parts.send({ fileId: outcome.upload.fileId, fileName: outcome.upload.fileName });
      return;
    }
    if (outcome.code === 'payload_too_large' || outcome.code === 'attachment_too_large') parts.note(t('widget.file.tooLarge', { maxSize: formatBytes(WIDGET_MAX_FILE_BYTES) }));
    else if (outcome.code === 'storage_full') parts.note(t('widget.file.full'));
    else parts.note(t('widget.file.failed'));
  };
  button.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    void take(file);
  });
  drop.addEventListener('dragover', (event) => {
    if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
  });
  drop.addEventListener('drop', (event) => {
    if (!event.dataTransfer?.files.length) return;
    event.preventDefault();
    void take(event.dataTransfer.files[0]);
  });
}
