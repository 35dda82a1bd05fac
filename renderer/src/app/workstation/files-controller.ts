import type { AttachmentUrlResult } from '../../../../shared/attachments';
import type { DraftPart } from './draft-controller';
import type { PartContext } from './part-context';

/** A file the agent picked, pasted or dropped, read into memory for its upload. */
export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

/** Files in the thread: signed links to show them, and a reply that sends one (online only). */
export interface FilesController {
  /** A stored file's short-lived link ('playable': the copy a browser can play of a voice note). */
  fileUrl(fileId: string, variant?: 'original' | 'playable'): Promise<AttachmentUrlResult>;
  /**
   * Uploads the file, then sends it with `caption` as one reply; the thread shows it and the
   * draft clears. Throws the AppError the composer shows (the file and the caption stay).
   */
  sendFile(conversationId: string, file: PickedFile, caption: string): Promise<void>;
}

export function createFilesController({ call, stores, drafts }: PartContext<'thread'> & { drafts: Pick<DraftPart, 'saver' | 'afterSent'> }): FilesController {
  return {
    fileUrl: (fileId, variant) => call('attachments.url', variant ? { fileId, variant } : { fileId }),
    async sendFile(conversationId, file, caption) {
      await drafts.saver.flush(conversationId);
      const uploaded = await call('attachments.upload', { conversationId, name: file.name, bytes: file.bytes });
      const message = await call('attachments.send', { conversationId, fileId: uploaded.fileId, caption });
      stores.thread.getState().merge(message);
      drafts.afterSent(conversationId, caption);
    },
  };
}
