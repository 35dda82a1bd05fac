import type { MessageAttachmentPush } from '../../shared/attachments';
import type { EventSink } from '../../shared/contract';
import type { CacheStore } from './cache/cache-store';
import { asSent } from './thread-message';

/**
 * A customer's file changed state on the server (stored, refused, given up on): the cached message
 * takes the new attachment and the thread hears `message.updated`, so a thumbnail or a file card can
 * appear. The cache keeps a stored message as first received (putMessages), so a push missed while
 * offline shows only once the thread is read from the server again.
 */
export async function applyAttachmentPush(store: CacheStore, emit: EventSink, push: MessageAttachmentPush): Promise<void> {
  const changed = await store.db.write((tx) => store.putAttachment(tx, push));
  if (changed) emit('message.updated', asSent(changed));
}
