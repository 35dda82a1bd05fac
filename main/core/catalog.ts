import type { EventSink } from '../../shared/contract';
import type { Contact, KbArticle, Template } from '../../shared/domain';
import type { AgentRequestResult } from '../../shared/protocol';
import type { CacheStore } from './cache/cache-store';

/** The part of the connection the catalog needs. */
export interface CatalogTransport {
  isOnline(): boolean;
  request(name: 'catalog:snapshot', payload: Record<string, never>): Promise<AgentRequestResult<'catalog:snapshot'>>;
  request(name: 'contacts:get', payload: { ids: string[] }): Promise<AgentRequestResult<'contacts:get'>>;
}

/**
 * Customers, knowledge articles and quick replies in the cache. Articles and replies are small and
 * refreshed whole on every connect; a customer missing from the cache is fetched when a pushed
 * conversation mentions them.
 */
export class CatalogService {
  constructor(
    private readonly store: CacheStore,
    private readonly transport: CatalogTransport,
    private readonly emit: EventSink,
  ) {}

  async refresh(): Promise<void> {
    const { articles, templates } = await this.transport.request('catalog:snapshot', {});
    await this.store.db.write((tx) => this.store.replaceCatalog(tx, articles, templates));
    this.emit('catalog.updated', {});
  }

  /** Fetches the customers the cache does not have yet. */
  async ensureContacts(ids: readonly string[]): Promise<void> {
    const missing: string[] = [];
    for (const id of new Set(ids)) if (!(await this.store.contact(id))) missing.push(id);
    if (missing.length === 0 || !this.transport.isOnline()) return;
    const { contacts } = await this.transport.request('contacts:get', { ids: missing });
    await this.store.db.write((tx) => this.store.putContacts(tx, contacts));
    for (const contact of contacts) this.emit('contact.updated', contact);
  }

  contact(id: string): Promise<Contact | null> {
    return this.store.contact(id);
  }

  articles(): Promise<KbArticle[]> {
    return this.store.articles();
  }

  templates(): Promise<Template[]> {
    return this.store.templates();
  }
}
