import type { AttachmentUrlResult } from '../../../../shared/attachments';
import type { ThreadMessage } from '../../../../shared/contract';
import { toAppError, type ErrorCode } from '../../../../shared/errors';
import type { DraftPart } from './draft-controller';
import type { PartContext } from './part-context';

/** A file the agent picked, pasted or dropped, read into memory for its upload. */
export interface PickedFile {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** An upload that failed for one of these never reached the server: the file waits in the outbox instead. */
const unreachable: ReadonlySet<ErrorCode> = new Set(['offline', 'server_unreachable', 'timeout']);

/** Files in the thread: signed links to show them, and a reply that sends one (queued while offline). */
export interface FilesController {
  /** A stored file's short-lived link ('playable': the copy a browser can play of a voice note). */
  fileUrl(fileId: string, variant?: 'original' | 'playable'): Promise<AttachmentUrlResult>;
  /**
   * Sends the file with `caption` as one reply: online it is uploaded and sent at once; offline (or
   * when the upload cannot reach the server) it waits in the outbox and goes once the connection is
   * back. The thread shows it and the draft clears. Throws the AppError the composer shows (the
   * file and the caption stay).
   */
  sendFile(conversationId: string, file: PickedFile, caption: string): Promise<void>;
}

export function createFilesController({ call, stores, drafts }: PartContext<'thread' | 'connection'> & { drafts: Pick<DraftPart, 'saver' | 'afterSent'> }): FilesController {
  const queue = (conversationId: string, file: PickedFile, caption: string) =>
    call('outbox.sendFile', { conversationId, name: file.name, mimeType: file.mimeType, bytes: file.bytes, caption });

  async function sendNowOrQueue(conversationId: string, file: PickedFile, caption: string): Promise<ThreadMessage> {
    // Known to be offline: no upload is tried. Otherwise one that cannot reach the server queues the file too.
    if (stores.connection.getState().connection?.status === 'offline') return queue(conversationId, file, caption);
    let fileId: string;
    try {
      ({ fileId } = await call('attachments.upload', { conversationId, name: file.name, bytes: file.bytes }));
    } catch (err) {
      if (unreachable.has(toAppError(err).code)) return queue(conversationId, file, caption);
      throw err;
    }
    return call('attachments.send', { conversationId, fileId, caption });
  }

  return {
    fileUrl: (fileId, variant) => call('attachments.url', variant ? { fileId, variant } : { fileId }),
    async sendFile(conversationId, file, caption) {
      await drafts.saver.flush(conversationId);
      const message = await sendNowOrQueue(conversationId, file, caption);
      stores.thread.getState().merge(message);
      drafts.afterSent(conversationId, caption);
    },
  };
}
