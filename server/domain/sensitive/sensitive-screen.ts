import { compileSensitiveWords, matchSensitive, type CompiledSensitiveWords, type SensitiveCheck } from '../../../shared/sensitive-words';
import type { Queryable } from '../../db/db';
import type { ErrorLogger } from '../../lib/error-logger';
import { listSensitiveWords, sensitiveWordsVersion } from './sensitive-repository';

/** Checks text against an account's sensitive words. */
export interface SensitiveScreen {
  check(db: Queryable, accountId: string, text: string): Promise<SensitiveCheck>;
}

/**
 * The compiled word list per account, in memory. Each check reads the account's list version (one
 * primary-key read, inside the caller's transaction) and compiles again only when it moved, so a
 * change made on another server node applies to the next message here too.
 */
export class SensitiveWordCache implements SensitiveScreen {
  private readonly lists = new Map<string, { version: number; compiled: CompiledSensitiveWords }>();

  constructor(private readonly logError: ErrorLogger) {}

  async compiled(db: Queryable, accountId: string): Promise<CompiledSensitiveWords> {
    const version = await sensitiveWordsVersion(db, accountId);
    const cached = this.lists.get(accountId);
    if (cached && cached.version === version) return cached.compiled;
    const compiled = compileSensitiveWords(await listSensitiveWords(db, accountId));
    for (const { id, reason } of compiled.refused) {
      this.logError(new Error(`sensitive word ${id} is not used: ${reason}`), 'sensitive words');
    }
    this.lists.set(accountId, { version, compiled });
    return compiled;
  }

  async check(db: Queryable, accountId: string, text: string): Promise<SensitiveCheck> {
    return matchSensitive(await this.compiled(db, accountId), text);
  }

  /** Forgets an account's list (after a change made on this node). */
  invalidate(accountId: string): void {
    this.lists.delete(accountId);
  }
}
