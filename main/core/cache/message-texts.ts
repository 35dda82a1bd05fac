import type { Message } from '../../../shared/domain';

/** What message search reads of a cached message, opened. */
export type SearchableMessage = Pick<Message, 'id' | 'conversationId' | 'seq' | 'body' | 'createdAt'>;

type Change = (byId: Map<string, SearchableMessage>) => void;

/**
 * The opened text of the cached messages, kept in memory for search: the bodies are sealed on the
 * disk, and opening every one for every search would cost the agent a wait on a large cache. It
 * is read whole at the first search and kept current by the cache's own writes after that; a
 * rolled-back write makes it read again.
 */
export class MessageTexts {
  private byId: Map<string, SearchableMessage> | null = null;
  private newestFirst: SearchableMessage[] | null = null;
  /** Changes made while it is being read, applied once the read is in. */
  private pending: Change[] | null = null;
  private loading: Promise<void> | null = null;
  private generation = 0;

  /** Every searchable message, newest first; `load` reads them all from the cache when needed. */
  async newest(load: () => Promise<SearchableMessage[]>): Promise<readonly SearchableMessage[]> {
    while (!this.byId) {
      this.loading ??= this.read(load);
      await this.loading;
    }
    this.newestFirst ??= [...this.byId.values()].sort((a, b) => b.seq - a.seq);
    return this.newestFirst;
  }

  /** Messages just stored (system lines are never searched). */
  add(messages: readonly Message[]): void {
    const searchable = messages.filter((m) => m.internal || m.senderType !== 'system');
    if (searchable.length === 0) return;
    this.change((byId) => {
      for (const m of searchable) byId.set(m.id, { id: m.id, conversationId: m.conversationId, seq: m.seq, body: m.body, createdAt: m.createdAt });
    });
  }

  removeConversation(conversationId: string): void {
    this.change((byId) => {
      for (const [id, m] of byId) if (m.conversationId === conversationId) byId.delete(id);
    });
  }

  /** Drops what is held: the next search reads the cache again. */
  forget(): void {
    this.generation++;
    this.byId = null;
    this.newestFirst = null;
    this.pending = null;
    this.loading = null;
  }

  private change(apply: Change): void {
    if (this.byId) {
      apply(this.byId);
      this.newestFirst = null;
    } else this.pending?.push(apply);
  }

  private async read(load: () => Promise<SearchableMessage[]>): Promise<void> {
    const generation = this.generation;
    this.pending = [];
    const rows = await load().finally(() => {
      if (generation === this.generation) this.loading = null;
    });
    if (generation !== this.generation || !this.pending) return;
    const byId = new Map(rows.map((m) => [m.id, m]));
    for (const apply of this.pending) apply(byId);
    this.pending = null;
    this.byId = byId;
  }
}
