import type { ReplyMaskPolicy } from '../../../shared/domain';
import { maskReply, type ReplyMasking } from '../../../shared/reply-masking';
import { compileSensitiveWords, matchSensitive, type CompiledSensitiveWords, type SensitiveCheck } from '../../../shared/sensitive-words';
import type { Queryable } from '../../db/db';
import type { ErrorLogger } from '../../lib/error-logger';
import { readReplyMaskPolicy } from './reply-mask-policy';
import { listSensitiveWords, sensitiveWordsVersion } from './sensitive-repository';

/** Checks text against an account's sensitive words. */
export interface SensitiveScreen {
  /** `version`: the account's list version when the caller already read it (saves the read). */
  check(db: Queryable, accountId: string, text: string, version?: number): Promise<SensitiveCheck>;
  /** An agent's reply as it will be sent: words and, by the account's setting, personal data masked. */
  maskReply(db: Queryable, accountId: string, text: string): Promise<ReplyMasking>;
}

type AccountList = { version: number; compiled: CompiledSensitiveWords; policy: ReplyMaskPolicy };

/**
 * The compiled word list per account, in memory. Each check reads the account's list version (one
 * primary-key read, inside the caller's transaction) and compiles again only when it moved, so a
 * change made on another server node applies to the next message here too.
 */
export class SensitiveWordCache implements SensitiveScreen {
  private readonly lists = new Map<string, AccountList>();

  constructor(private readonly logError: ErrorLogger) {}

  /** The account's compiled list and masking setting (the setting moves the list's version too). */
  async list(db: Queryable, accountId: string, knownVersion?: number): Promise<AccountList> {
    const version = knownVersion ?? (await sensitiveWordsVersion(db, accountId));
    const cached = this.lists.get(accountId);
    if (cached && cached.version === version) return cached;
    const compiled = compileSensitiveWords(await listSensitiveWords(db, accountId));
    for (const { id, reason } of compiled.refused) {
      this.logError(new Error(`sensitive word ${id} is not used: ${reason}`), 'sensitive words');
    }
    const list = { version, compiled, policy: await readReplyMaskPolicy(db, accountId) };
    this.lists.set(accountId, list);
    return list;
  }

  async compiled(db: Queryable, accountId: string, knownVersion?: number): Promise<CompiledSensitiveWords> {
    return (await this.list(db, accountId, knownVersion)).compiled;
  }

  async check(db: Queryable, accountId: string, text: string, version?: number): Promise<SensitiveCheck> {
    return matchSensitive(await this.compiled(db, accountId, version), text);
  }

  async maskReply(db: Queryable, accountId: string, text: string): Promise<ReplyMasking> {
    const { compiled, policy } = await this.list(db, accountId);
    return maskReply(compiled, text, policy);
  }

  /** Forgets an account's list (after a change made on this node). */
  invalidate(accountId: string): void {
    this.lists.delete(accountId);
  }
}
