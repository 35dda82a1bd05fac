import type { MethodArgs } from '../../../../shared/contract';
import { toAppError } from '../../../../shared/errors';
import type { InboxController } from './inbox-controller';
import type { PartContext } from './part-context';

/** Where a conversation is handed to: a colleague or a skill group. */
export type TransferTo = MethodArgs<'conversations.transfer'>['to'];

/** Chats offered to the agent, and handing a chat to a colleague or a group. */
export interface RoutingController {
  /** Takes a chat offered to the agent and opens it. Throws an AppError the offer shows. */
  accept(conversationId: string): Promise<void>;
  /** Passes an offered chat on. Throws an AppError the offer shows. */
  decline(conversationId: string): Promise<void>;
  /** Hands a conversation to a colleague or a group with a note. Throws an AppError the dialog shows. */
  transfer(conversationId: string, to: TransferTo, note: string): Promise<void>;
  /** Reads colleagues and skill groups from the server into the team store. */
  loadTeam(): Promise<void>;
}

export function createRoutingController({
  call,
  stores,
  inbox,
}: PartContext<'inbox' | 'team'> & { inbox: Pick<InboxController, 'selectConversation'> }): RoutingController {
  return {
    async accept(conversationId) {
      const conversation = await call('conversations.accept', { conversationId });
      stores.inbox.getState().upsert(conversation);
      inbox.selectConversation(conversationId);
    },

    async decline(conversationId) {
      const conversation = await call('conversations.decline', { conversationId });
      stores.inbox.getState().upsert(conversation);
    },

    async transfer(conversationId, to, note) {
      const conversation = await call('conversations.transfer', { conversationId, to, note: note.trim() });
      stores.inbox.getState().upsert(conversation);
    },

    async loadTeam() {
      stores.team.getState().setLoading();
      try {
        const { agents, groups } = await call('team.list', {});
        stores.team.getState().setLoaded(agents, groups);
      } catch (err) {
        stores.team.getState().setFailed(toAppError(err).toJSON());
      }
    },
  };
}
