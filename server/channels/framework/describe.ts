import { attachmentSchema, type Attachment } from '../../../shared/domain';
import { inboundTextForm } from '../../../shared/text/inbound-text';

/** An attachment with every field the message model has (absent ones null). */
export function attachment(fields: Partial<Attachment> & Pick<Attachment, 'kind'>): Attachment {
  return attachmentSchema.parse(fields);
}

/** The attachment a file an agent sends stands for, when the message gave none (its caption none). */
export function attachmentOf(file: { kind: 'image' | 'document'; fileName: string; mimeType: string; size: number }): Attachment {
  return attachment({ kind: file.kind, fileName: file.fileName, mimeType: file.mimeType, size: file.size });
}

const LABELS: Record<Attachment['kind'], string> = {
  image: 'Photo',
  document: 'File',
  voice: 'Voice message',
  audio: 'Audio',
  video: 'Video',
  sticker: 'Sticker',
  location: 'Location',
  file: 'File',
};

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * The text body that stands for an attachment in the thread, the inbox preview, the bot and the
 * sensitive-word check: "[Photo] caption", "[File: invoice.pdf, 120 KB]", "[Location: 22.54, 114.06 Shop]".
 */
export function describeAttachment(a: Attachment): string {
  const details: string[] = [];
  if (a.kind === 'location') {
    if (a.latitude !== null && a.longitude !== null) details.push(`${a.latitude}, ${a.longitude}`);
    if (a.label) details.push(a.label);
  } else {
    if (a.fileName) details.push(a.fileName);
    if (a.size !== null) details.push(formatSize(a.size));
  }
  const head = details.length > 0 ? `[${LABELS[a.kind]}: ${details.join(', ')}]` : `[${LABELS[a.kind]}]`;
  return a.caption ? `${head} ${a.caption}` : head;
}

/** The stored body of an inbound message: its text, else the description of what it carried. */
export function inboundBody(text: string | null | undefined, a: Attachment | null): string {
  if (a) return inboundTextForm(describeAttachment(a));
  return inboundTextForm(text ?? '');
}
