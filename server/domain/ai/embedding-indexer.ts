import type { Db } from '../../db/db';
import { listArticles } from '../knowledge/article-repository';
import { embed, type AiEndpoint } from './ai-client';
import { articleEmbeddingText, contentHash, dropEmbeddings, storedHashes, writeEmbeddings } from './article-embeddings';
import type { AiSettings } from './ai-settings-repository';

/** Inputs sent in one /embeddings request. */
const BATCH = 16;

export type EmbeddingIndexerDeps = {
  db: Db;
  settingsOf(accountId: string): Promise<AiSettings>;
  endpointOf(settings: AiSettings): AiEndpoint;
  /** Whether the database keeps pgvector vectors too. */
  withVector(): Promise<boolean>;
  /** A failed run (counted and logged by the caller). */
  onFailure(err: unknown, context: string): void;
};

/**
 * Keeps an account's article vectors in step with its articles, in the background: a kick (an
 * article changed, the settings changed) runs one sync per account at a time, and a kick during a
 * run runs it once more afterwards. A sync embeds only articles whose text (or the model) changed
 * since their vector was stored, and drops vectors of articles gone or disabled.
 */
export class EmbeddingIndexer {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private closed = false;

  constructor(private readonly deps: EmbeddingIndexerDeps) {}

  /** Starts a sync of the account (or queues one after the running one); never throws. */
  kick(accountId: string): void {
    if (this.running.has(accountId)) {
      this.again.add(accountId);
      return;
    }
    if (this.closed) return;
    const run = this.sync(accountId)
      .then(() => undefined)
      .catch((err: unknown) => this.deps.onFailure(err, 'embedding articles'))
      .finally(() => {
        this.running.delete(accountId);
        if (this.again.delete(accountId)) this.kick(accountId);
      });
    this.running.set(accountId, run);
  }

  /** Takes no more kicks (the server is closing); `settled()` then waits for the running ones. */
  close(): void {
    this.closed = true;
  }

  /** Resolves when no sync is running or queued (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  /** One pass: how many articles were embedded. */
  async sync(accountId: string): Promise<number> {
    const settings = await this.deps.settingsOf(accountId);
    const model = settings.embeddingModel;
    if (!settings.features.hybridRetrieval || !settings.baseUrl || !model) return 0;
    const articles = (await listArticles(this.deps.db, accountId)).filter((a) => a.enabled);
    const stored = await storedHashes(this.deps.db, accountId, model);
    const wanted = articles.map((a) => {
      const text = articleEmbeddingText(a);
      return { id: a.id, text, hash: contentHash(model, text) };
    });
    const live = new Set(wanted.map((w) => w.id));
    // Vectors of a model no longer in use are of no help to anyone.
    await this.deps.db.query('DELETE FROM article_embeddings WHERE account_id = $1 AND model <> $2', [accountId, model]);
    await dropEmbeddings(this.deps.db, accountId, model, [...stored.keys()].filter((id) => !live.has(id)));
    const stale = wanted.filter((w) => stored.get(w.id) !== w.hash);
    const endpoint = this.deps.endpointOf(settings);
    const withVector = await this.deps.withVector();
    for (let i = 0; i < stale.length; i += BATCH) {
      const batch = stale.slice(i, i + BATCH);
      // Background work: a provider that blinked gets two more tries.
      const vectors = await embed(endpoint, model, batch.map((b) => b.text), 2);
      await writeEmbeddings(this.deps.db, accountId, model, batch.map((b, j) => ({ articleId: b.id, hash: b.hash, vector: vectors[j]! })), withVector);
    }
    return stale.length;
  }
}
