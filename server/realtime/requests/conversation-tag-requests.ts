import { setConversationTags } from '../../domain/conversation-tags/conversation-tagging';
import { archiveConversationTag, conversationTagSettings, requireTagReader, saveConversationTag } from '../../domain/conversation-tags/tag-admin';
import { listConversationTags, listManagedConversationTags, readConversationTagSettings } from '../../domain/conversation-tags/tag-repository';
import { toConversation } from '../../domain/conversations/conversation-repository';
import type { AgentRequestContext } from './agent-request-context';

/**
 * Conversation tags: every workstation reads the list and tags the conversations it may act on;
 * supervisors read the managed list; admins change it (the domain checks each role).
 */
export function registerConversationTagRequests({ serve, user, services }: AgentRequestContext): void {
  const { db, events } = services;
  const changed = () => void events.emit({ type: 'conversation.tags.changed', accountId: user.accountId });

  serve('conversation-tags:list', async () => ({
    tags: await listConversationTags(db, user.accountId),
    settings: await readConversationTagSettings(db, user.accountId),
  }));

  serve('conversation:tags', async ({ conversationId, tagIds }) => {
    const change = await setConversationTags(db, user, conversationId, tagIds);
    if (change.created) void events.emit({ type: 'conversation.changed', change });
    return { conversation: toConversation(change.conversation) };
  });

  serve('conversation-tags:admin:list', async () => {
    requireTagReader(user);
    return { tags: await listManagedConversationTags(db, user.accountId), settings: await readConversationTagSettings(db, user.accountId) };
  });

  serve('conversation-tags:admin:save', async (input) => {
    const tag = await saveConversationTag(db, user, input);
    changed();
    return { tag };
  });

  serve('conversation-tags:admin:archive', async ({ id, archived }) => {
    const tag = await archiveConversationTag(db, user, id, archived);
    changed();
    return { tag };
  });

  serve('conversation-tags:admin:settings', async (save) => {
    const settings = await conversationTagSettings(db, user, save);
    changed();
    return { settings };
  });
}
