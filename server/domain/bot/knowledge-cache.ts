import type { KbArticle } from '../../../shared/domain';
import type { BotRule } from '../../../shared/knowledge';
import type { Db } from '../../db/db';
import { articleStamps, getArticles, knowledgeRevision } from '../knowledge/article-repository';
import { listRules } from './bot-repository';
import { KnowledgeIndex } from './retrieval/knowledge-index';

/** An account's searchable articles and bot replies as of one knowledge revision. */
export type Knowledge = { index: KnowledgeIndex<KbArticle>; rules: BotRule[]; revision: number };

type Entry = Knowledge & { stamps: Map<string, number> };

/** Articles indexed between two turns of the event loop. */
const INDEX_SLICE = 25;

/**
 * Each account's search index and bot replies, kept in memory. Every read checks the account's
 * knowledge revision (one small query); when another request or another server node changed
 * something, only the articles that changed are re-indexed. Concurrent reads share one refresh.
 */
export class KnowledgeCache {
  private readonly entries = new Map<string, Entry>();
  private readonly refreshing = new Map<string, Promise<Entry>>();

  constructor(private readonly db: Db) {}

  async get(accountId: string): Promise<Knowledge> {
    const revision = await knowledgeRevision(this.db, accountId);
    const entry = this.entries.get(accountId);
    if (entry && entry.revision === revision) return entry;
    let running = this.refreshing.get(accountId);
    if (!running) {
      running = this.refresh(accountId, revision, entry).finally(() => this.refreshing.delete(accountId));
      this.refreshing.set(accountId, running);
    }
    return running;
  }

  private async refresh(accountId: string, revision: number, previous: Entry | undefined): Promise<Entry> {
    const index = previous?.index ?? new KnowledgeIndex<KbArticle>();
    const known = previous?.stamps ?? new Map<string, number>();
    const [stamps, rules] = await Promise.all([articleStamps(this.db, accountId), listRules(this.db, accountId)]);
    for (const id of known.keys()) if (!stamps.has(id)) index.remove(id);
    const changed = [...stamps].filter(([id, at]) => known.get(id) !== at).map(([id]) => id);
    let sinceYield = 0;
    for (const article of await getArticles(this.db, accountId, changed)) {
      if (!article.enabled) continue;
      index.put(article);
      // Indexing an article segments and reads out its words (milliseconds each): a large
      // knowledge base is indexed in slices so other requests are served in between.
      if (++sinceYield === INDEX_SLICE) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    const entry = { index, rules, revision, stamps };
    this.entries.set(accountId, entry);
    return entry;
  }
}
