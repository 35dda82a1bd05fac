import type { ContractHandlers } from '../../shared/contract';
import { searchMessages } from './message-search';
import type { Workspace } from './workspace';

type AttentionMethods =
  | 'conversations.markRead'
  | 'conversations.search'
  | 'attention.set'
  | 'notifications.get'
  | 'notifications.set'
  | 'notificationFeed.list'
  | 'notificationFeed.markRead';

/** Read marks, message search, what the agent is looking at, notification preferences and the notification centre: all local, offline too. */
export function attentionHandlers(current: () => Promise<Workspace>): Pick<ContractHandlers, AttentionMethods> {
  return {
    'conversations.markRead': async ({ conversationId }) => (await current()).attention.markRead(conversationId),
    'conversations.search': async ({ query, limit }) => searchMessages((await current()).store, query, limit),
    'attention.set': async (attention) => {
      await (await current()).attention.setAttention(attention);
      return {};
    },
    'notifications.get': async () => {
      const { attention } = await current();
      return { preferences: attention.getPreferences(), badge: await attention.badge() };
    },
    'notifications.set': async (patch) => (await current()).attention.setPreferences(patch),
    'notificationFeed.list': async () => (await current()).feed.list(),
    'notificationFeed.markRead': async (selection) => (await current()).feed.markRead(selection),
  };
}
