import type { ThreadMessage } from '../../../../shared/contract';
import { MAX_MESSAGE_LENGTH } from '../../../../shared/domain';
import { AppError, toAppError } from '../../../../shared/errors';
import type { EventHandlers } from '../../bridge/events';
import type { DraftPart } from './draft-controller';
import type { PartContext } from './part-context';
import { sendBlockedReason } from './send-blocked';

/** A reply in the outbox, as the thread's buttons name it. */
export type OutboxRef = Pick<ThreadMessage, 'conversationId' | 'clientId'>;

/** An open conversation's messages, and the agent's replies on their way through the outbox. */
export interface ThreadController {
  loadMessages(conversationId: string): Promise<void>;
  /** Sends the reply; on failure the text stays in the composer with the reason. */
  send(conversationId: string, text: string): Promise<void>;
  /** Sends a failed reply again. Throws an AppError the message shows. */
  retry(message: OutboxRef): Promise<void>;
  /** Takes a queued or failed reply back into the composer. Throws an AppError the message shows. */
  edit(message: OutboxRef): Promise<void>;
  /** Drops a queued or failed reply. Throws an AppError the message shows. */
  discard(message: OutboxRef): Promise<void>;
}

export interface ThreadPart {
  api: ThreadController;
  handlers: EventHandlers<'message.updated' | 'message.removed'>;
}

function requireClientId(message: OutboxRef): string {
  if (!message.clientId) throw new AppError('bad_request', 'this message is not in the outbox');
  return message.clientId;
}

export function createThreadPart({
  call,
  stores,
  drafts: draftPart,
}: PartContext<'thread' | 'drafts' | 'inbox'> & { drafts: DraftPart }): ThreadPart {
  const { saver, applyDraft, afterSent } = draftPart;
  const thread = () => stores.thread.getState();
  const drafts = () => stores.drafts.getState();

  const api: ThreadController = {
    async loadMessages(conversationId) {
      thread().setLoading(conversationId);
      try {
        const messages = await call('messages.list', { conversationId });
        thread().setLoaded(conversationId, messages);
      } catch (err) {
        thread().setFailed(conversationId, toAppError(err).toJSON());
      }
    },

    async send(conversationId, text) {
      const body = text.trim();
      if (!body || drafts().byConversation[conversationId]?.sending) return;
      const blocked = sendBlockedReason(stores.inbox.getState().byId[conversationId]);
      if (blocked) {
        drafts().setError(conversationId, blocked);
        return;
      }
      if (body.length > MAX_MESSAGE_LENGTH) {
        drafts().setError(conversationId, new AppError('bad_request', 'message is too long').toJSON());
        return;
      }
      drafts().setSending(conversationId, true);
      drafts().setError(conversationId, null);
      try {
        // The typing reaches the core before the send that deletes the draft, never after it.
        await saver.flush(conversationId);
        const message = await call('outbox.send', { conversationId, body });
        thread().merge(message);
        afterSent(conversationId, text);
      } catch (err) {
        drafts().setError(conversationId, toAppError(err).toJSON());
      } finally {
        drafts().setSending(conversationId, false);
      }
    },

    async retry(message) {
      const clientId = requireClientId(message);
      const updated = await call('outbox.retry', { clientId });
      thread().merge(updated);
    },

    async edit(message) {
      const clientId = requireClientId(message);
      // The core merges the reply into the saved draft, so it must hold the latest typing first.
      await saver.flush(message.conversationId);
      const draft = await call('outbox.edit', { clientId });
      thread().remove(message.conversationId, clientId);
      applyDraft(draft.conversationId, draft);
    },

    async discard(message) {
      const clientId = requireClientId(message);
      const { discarded } = await call('outbox.discard', { clientId });
      if (discarded) thread().remove(message.conversationId, clientId);
    },
  };

  return {
    api,
    handlers: {
      'message.updated': (message) => thread().merge(message),
      'message.removed': ({ conversationId, clientId }) => thread().remove(conversationId, clientId),
    },
  };
}
