import type { EventSink } from '../../shared/contract';
import type { Contact, KbArticle, ReplyMaskPolicy, SensitiveWord, Template } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { KbSearchHit } from '../../shared/knowledge';
import { readQuickReplyFile, type QuickReplyFileFormat, type QuickReplyImportResult } from '../../shared/quick-reply-exchange';
import type { AgentRequestPayload, AgentRequestResult } from '../../shared/protocol';
import { maskReply } from '../../shared/reply-masking';
import { blockedReplyError, compileSensitiveWords, type CompiledSensitiveWords } from '../../shared/sensitive-words';
import type { CacheStore } from './cache/cache-store';
import { indexArticles, searchArticles } from './knowledge/search-index';

/** The part of the connection the catalog needs. */
export interface CatalogTransport {
  isOnline(): boolean;
  request(name: 'catalog:snapshot', payload: Record<string, never>): Promise<AgentRequestResult<'catalog:snapshot'>>;
  request(name: 'contacts:get', payload: { ids: string[] }): Promise<AgentRequestResult<'contacts:get'>>;
  request(name: 'sensitive:list', payload: Record<string, never>): Promise<AgentRequestResult<'sensitive:list'>>;
  request(name: 'templates:save', payload: AgentRequestPayload<'templates:save'>): Promise<AgentRequestResult<'templates:save'>>;
  request(name: 'templates:delete', payload: { id: string }): Promise<AgentRequestResult<'templates:delete'>>;
  request(name: 'templates:import', payload: AgentRequestPayload<'templates:import'>): Promise<AgentRequestResult<'templates:import'>>;
}

/**
 * Customers, knowledge articles, quick replies and sensitive words in the cache. Articles, replies
 * and words are small and refreshed whole on every connect (words also when the server says so); a customer missing from the cache is fetched when a pushed
 * conversation mentions them.
 */
export class CatalogService {
  private compiledWords: Promise<CompiledSensitiveWords> | null = null;
  private indexed: Promise<void> | null = null;

  constructor(
    private readonly store: CacheStore,
    private readonly transport: CatalogTransport,
    private readonly emit: EventSink,
  ) {}

  async refresh(): Promise<void> {
    const [{ articles, templates }, { words, policy }] = await Promise.all([
      this.transport.request('catalog:snapshot', {}),
      this.transport.request('sensitive:list', {}),
    ]);
    await this.store.db.write(async (tx) => {
      await this.store.replaceCatalog(tx, articles, templates);
      await this.store.replaceSensitiveWords(tx, words);
      await this.store.setReplyMaskPolicy(tx, policy);
    });
    this.compiledWords = null;
    this.emit('catalog.updated', {});
  }

  /** Reads the sensitive word list and masking setting again after an admin changed them. */
  async refreshSensitiveWords(): Promise<void> {
    const { words, policy } = await this.transport.request('sensitive:list', {});
    await this.store.db.write(async (tx) => {
      await this.store.replaceSensitiveWords(tx, words);
      await this.store.setReplyMaskPolicy(tx, policy);
    });
    this.compiledWords = null;
    this.emit('catalog.updated', {});
  }

  sensitiveWords(): Promise<SensitiveWord[]> {
    return this.store.sensitiveWords();
  }

  replyMaskPolicy(): Promise<ReplyMaskPolicy> {
    return this.store.replyMaskPolicy();
  }

  /**
   * Checks a reply against the cached sensitive words before it enters the outbox (offline too):
   * refuses it with `sensitive_blocked`, or answers the text to send, masked as the server will
   * (shared/reply-masking.ts: masked words, and card, ID and phone numbers by the account's
   * setting). The server checks again with the list it has.
   */
  async screenReply(body: string): Promise<string> {
    this.compiledWords ??= this.store.sensitiveWords().then(compileSensitiveWords);
    const result = maskReply(await this.compiledWords, body, await this.store.replyMaskPolicy());
    const blocked = blockedReplyError(result.check);
    if (blocked) throw blocked;
    return result.masked;
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

  /**
   * Searches the cached knowledge base, offline too. The first search of a session brings the
   * index in step with the cached articles (a cache filled before the index existed).
   */
  async search(query: string, limit?: number): Promise<KbSearchHit[]> {
    this.indexed ??= this.store.db
      .write(async (tx) => {
        await indexArticles(tx, await this.store.articles());
      })
      .catch((err: unknown) => {
        this.indexed = null;
        throw err;
      });
    await this.indexed;
    return searchArticles(this.store.db, query, limit);
  }

  /** Saves a quick reply on the server (which checks who may), then in the cache at once. */
  async saveTemplate(input: AgentRequestPayload<'templates:save'>): Promise<Template> {
    if (!this.transport.isOnline()) throw new AppError('offline', 'Saving a quick reply needs the connection');
    const { template } = await this.transport.request('templates:save', input);
    await this.store.db.write((tx) => this.store.putTemplate(tx, template));
    this.emit('catalog.updated', {});
    return template;
  }

  /**
   * Imports the team's replies from a JSON or CSV file: a file that cannot be read is answered with
   * its problems here; its rows are checked and written (all or none) on the server. The catalog is
   * read again after a change, so every reply shows as stored.
   */
  async importTemplates(text: string, format: QuickReplyFileFormat): Promise<QuickReplyImportResult> {
    if (!this.transport.isOnline()) throw new AppError('offline', 'Importing quick replies needs the connection');
    const { rows, problems } = readQuickReplyFile(text, format);
    if (problems.length > 0) return { created: 0, updated: 0, errors: problems };
    const result = await this.transport.request('templates:import', { rows });
    if (result.errors.length === 0) await this.refresh();
    return result;
  }

  async deleteTemplate(id: string): Promise<{ deleted: boolean }> {
    if (!this.transport.isOnline()) throw new AppError('offline', 'Deleting a quick reply needs the connection');
    const result = await this.transport.request('templates:delete', { id });
    await this.store.db.write((tx) => this.store.removeTemplate(tx, id));
    this.emit('catalog.updated', {});
    return result;
  }
}
