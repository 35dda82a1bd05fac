import type { MethodArgs } from '../../../../shared/contract';
import { MAX_MESSAGE_LENGTH } from '../../../../shared/domain';
import { AppError, toAppError } from '../../../../shared/errors';
import type { PartContext } from './part-context';

/** Who a supervisor gives a conversation to (`toUserId` left out: themselves) and why. */
export type TakeoverOptions = Omit<MethodArgs<'conversations.takeover'>, 'conversationId'>;

/** Internal notes and whispers, and a supervisor joining or taking over a colleague's chat. */
export interface NotesController {
  /** The internal note being written changed: kept per conversation and reported as typing. */
  changeNote(conversationId: string, text: string): void;
  /** Adds an internal note (a whisper when a supervisor writes in a colleague's chat); on failure the text stays with the reason. */
  addNote(conversationId: string, text: string, mentions: readonly string[]): Promise<void>;
  /** Supervisors and admins: joins beside the agent (barge-in). Throws an AppError the watch bar shows. */
  join(conversationId: string): Promise<void>;
  /** Supervisors and admins: takes the conversation, or gives it to a colleague. Throws an AppError the dialog shows. */
  takeover(conversationId: string, options: TakeoverOptions): Promise<void>;
}

export interface NotesControllerOptions extends PartContext<'notes' | 'thread' | 'inbox' | 'joined'> {
  /** Told what the agent has in the note box now, for colleagues to see them typing. */
  typed(conversationId: string, text: string): void;
}

export function createNotesController({ call, stores, typed }: NotesControllerOptions): NotesController {
  const notes = () => stores.notes.getState();

  return {
    changeNote(conversationId, text) {
      const store = notes();
      store.setText(conversationId, text);
      if (store.byConversation[conversationId]?.error) store.setError(conversationId, null);
      typed(conversationId, text);
    },

    async addNote(conversationId, text, mentions) {
      const body = text.trim();
      if (!body || notes().byConversation[conversationId]?.sending) return;
      if (body.length > MAX_MESSAGE_LENGTH) {
        notes().setError(conversationId, new AppError('bad_request', 'note is too long').toJSON());
        return;
      }
      notes().setSending(conversationId, true);
      notes().setError(conversationId, null);
      try {
        const args: MethodArgs<'notes.add'> = { conversationId, body };
        if (mentions.length > 0) args.mentions = [...mentions];
        const message = await call('notes.add', args);
        stores.thread.getState().merge(message);
        notes().clearSent(conversationId, text);
        typed(conversationId, notes().byConversation[conversationId]?.text ?? '');
      } catch (err) {
        notes().setError(conversationId, toAppError(err).toJSON());
      } finally {
        notes().setSending(conversationId, false);
      }
    },

    async join(conversationId) {
      const conversation = await call('conversations.join', { conversationId });
      stores.inbox.getState().upsert(conversation);
      stores.joined.getState().markJoined(conversationId);
      // Joined to answer the customer: the composer is the reply box again.
      notes().setMode(conversationId, 'reply');
    },

    async takeover(conversationId, takeover) {
      const conversation = await call('conversations.takeover', { conversationId, ...takeover });
      stores.inbox.getState().upsert(conversation);
      notes().setMode(conversationId, 'reply');
    },
  };
}
