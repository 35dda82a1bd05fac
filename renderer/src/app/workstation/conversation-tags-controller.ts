import type { MethodArgs, MethodResult } from '../../../../shared/contract';
import { toAppError } from '../../../../shared/errors';
import type { EventHandlers } from '../../bridge/events';
import type { PartContext } from './part-context';

/** The conversation tags: the cached list for the resolve picker and the thread header, and tagging a conversation. */
export interface ConversationTagsController {
  /** Reads the cached tag list (offline too); a failure keeps what is shown. */
  loadConversationTags(): Promise<void>;
  /** Replaces a conversation's tags (needs the connection). Throws an AppError the picker shows. */
  setConversationTags(conversationId: string, tagIds: string[]): Promise<void>;
  /** Supervisors and admins: the tags with their use, live from the server. Each admin call throws an AppError the form shows. */
  adminConversationTags(): Promise<MethodResult<'conversationTags.adminList'>>;
  saveConversationTag(args: MethodArgs<'conversationTags.save'>): Promise<MethodResult<'conversationTags.save'>>;
  archiveConversationTag(id: string, archived: boolean): Promise<MethodResult<'conversationTags.archive'>>;
  saveConversationTagSettings(args: MethodArgs<'conversationTags.saveSettings'>): Promise<MethodResult<'conversationTags.saveSettings'>>;
}

export interface ConversationTagsPart {
  api: ConversationTagsController;
  handlers: EventHandlers<'conversationTags.updated'>;
}

export function createConversationTagsPart({ call, stores, report }: PartContext<'conversationTags' | 'inbox'>): ConversationTagsPart {
  const api: ConversationTagsController = {
    async loadConversationTags() {
      try {
        stores.conversationTags.getState().put(await call('conversationTags.catalog', {}));
      } catch (err) {
        report(`conversationTags.catalog failed: ${toAppError(err).message}`);
      }
    },
    async setConversationTags(conversationId, tagIds) {
      stores.inbox.getState().upsert(await call('conversations.setTags', { conversationId, tagIds }));
    },
    adminConversationTags: () => call('conversationTags.adminList', {}),
    saveConversationTag: (args) => call('conversationTags.save', args),
    archiveConversationTag: (id, archived) => call('conversationTags.archive', { id, archived }),
    saveConversationTagSettings: (args) => call('conversationTags.saveSettings', args),
  };
  return { api, handlers: { 'conversationTags.updated': () => void api.loadConversationTags() } };
}
