import type { VisitorFile } from '../../../shared/attachments';
import type { WidgetTranslate } from '../../../shared/i18n/widget';
import { formatBytes } from '../../../shared/outbound-files';

/** Asks the server for a short-lived link to a file of the customer's conversation; null when it cannot be had. */
export type FileLinks = (fileId: string) => Promise<string | null>;

/**
 * A file on a message: a picture shown inline (its link asked for when drawn), or a card that opens
 * the file in a new tab. Links come from the server per file and expire, so none is kept in the page.
 */
export function renderFile(doc: Document, t: WidgetTranslate, file: VisitorFile, links: FileLinks): HTMLElement {
  const name = file.fileName ?? (file.kind === 'image' ? 'image' : 'file');
  if (file.state !== 'ready') {
    const note = doc.createElement('p');
    note.className = 'msg__file msg__file--missing';
    note.textContent = `📎 ${name} — ${t('widget.file.unavailable')}`;
    return note;
  }
  const open = async () => {
    const url = await links(file.fileId);
    if (url) doc.defaultView?.open(url, '_blank', 'noopener');
  };
  if (file.kind === 'image') {
    const image = doc.createElement('img');
    image.className = 'msg__image';
    image.alt = name;
    image.setAttribute('data-testid', 'widget-image');
    void links(file.fileId).then((url) => {
      if (url) image.src = url;
    });
    image.addEventListener('click', () => void open());
    return image;
  }
  const card = doc.createElement('button');
  card.type = 'button';
  card.className = 'msg__file';
  card.setAttribute('data-testid', 'widget-file');
  card.setAttribute('aria-label', t('widget.file.open', { name }));
  card.textContent = `📄 ${name}${file.size !== null ? ` · ${formatBytes(file.size)}` : ''}`;
  card.addEventListener('click', () => void open());
  return card;
}
