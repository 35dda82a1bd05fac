import type { Attachment } from '../../../../shared/domain';
import { INLINE_IMAGE_TYPES } from '../../../../shared/outbound-files';

/** How the thread shows a stored file: an inline picture, a PDF for the viewer, a player, or a download. */
export type FileView = 'image' | 'pdf' | 'audio' | 'download';

/** How a ready file is shown; an SVG or another image a browser might run script in is a download. */
export function fileView(attachment: Pick<Attachment, 'kind' | 'mimeType'>): FileView {
  const mime = attachment.mimeType ?? '';
  if ((INLINE_IMAGE_TYPES as readonly string[]).includes(mime)) return 'image';
  if (mime === 'application/pdf') return 'pdf';
  if (attachment.kind === 'voice' || attachment.kind === 'audio') return 'audio';
  return 'download';
}
