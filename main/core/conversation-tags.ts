import type { ContractHandlers, EventSink } from '../../shared/contract';
import type { ConversationTagCatalog } from '../../shared/conversation-tags';
import { AppError } from '../../shared/errors';
import type { AgentRequestName, AgentRequestPayload, AgentRequestResult } from '../../shared/protocol';
import { readTagCatalog, writeTagCatalog } from './cache/conversation-tag-cache';
import type { CacheStore } from './cache/cache-store';
import type { Workspace } from './workspace';

/** The part of the connection the conversation tags need. */
export interface ConversationTagTransport {
  isOnline(): boolean;
  request<K extends AgentRequestName>(name: K, payload: AgentRequestPayload<K>): Promise<AgentRequestResult<K>>;
}

/**
 * The conversation tag list and its settings in the cache: read whole on every connect and when
 * the server says it changed, so the resolve picker works from the cache (resolving itself needs
 * the connection, as it always has).
 */
export class ConversationTagService {
  constructor(
    private readonly store: CacheStore,
    private readonly transport: ConversationTagTransport,
    private readonly emit: EventSink,
  ) {}

  catalog(): Promise<ConversationTagCatalog> {
    return readTagCatalog(this.store.db);
  }

  async refresh(): Promise<void> {
    const catalog = await this.transport.request('conversation-tags:list', {});
    await this.store.db.write((tx) => writeTagCatalog(tx, catalog));
    this.emit('conversationTags.updated', {});
  }
}

/** The conversation tag pushes: the list changed, read it again (a failed read keeps the old one until the next connect). */
export function conversationTagPushes(workspace: () => Workspace | null) {
  return {
    'conversation-tags:changed': () => void workspace()?.conversationTags.refresh().catch(() => undefined),
  };
}

type TagHandlerNames = 'conversationTags.catalog' | 'conversationTags.adminList' | 'conversationTags.save' | 'conversationTags.archive' | 'conversationTags.saveSettings';

/** The contract's conversation tag methods: the cached list for everyone, the admin screen live from the server. */
export function conversationTagHandlers(transport: ConversationTagTransport, current: () => Promise<Workspace>): Pick<ContractHandlers, TagHandlerNames> {
  const live = <K extends AgentRequestName>(name: K, payload: AgentRequestPayload<K>) => {
    if (!transport.isOnline()) throw new AppError('offline', 'Managing conversation tags needs the connection');
    return transport.request(name, payload);
  };
  return {
    'conversationTags.catalog': async () => (await current()).conversationTags.catalog(),
    'conversationTags.adminList': async () => live('conversation-tags:admin:list', {}),
    'conversationTags.save': async (input) => (await live('conversation-tags:admin:save', input)).tag,
    'conversationTags.archive': async (input) => (await live('conversation-tags:admin:archive', input)).tag,
    'conversationTags.saveSettings': async (input) => (await live('conversation-tags:admin:settings', input)).settings,
  };
}
