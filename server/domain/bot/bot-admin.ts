import type { AuditAction } from '../../../shared/audit-actions';
import type { User } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { BotRule, BotRuleInput, BotTurn } from '../../../shared/knowledge';
import type { Db, Queryable } from '../../db/db';
import { requireRole } from '../../http/request-user';
import { recordAudit } from '../audit/audit-log';
import { bumpKnowledgeRevision } from '../knowledge/article-repository';
import { deleteRule, getRule, listRules, listTurns, writeRule, type TurnQuery } from './bot-repository';
import { unsafeRegexError, unsafeRegexProblem } from '../../../shared/text/safe-regex';

/**
 * What admins do to the bot, over REST and over the workstation's socket alike: list, add, change
 * and delete keyword and scenario replies (each change audited and in force at the bot's next
 * turn), and read the bot's turns to see why it answered what it did (supervisors too).
 */

const EDIT = "change the bot's replies";

async function change<T>(db: Db, accountId: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const out = await fn(tx);
    await bumpKnowledgeRevision(tx, accountId);
    return out;
  });
}

export function rulesFor(db: Queryable, user: User): Promise<BotRule[]> {
  requireRole(user, ['admin'], "see the bot's replies");
  return listRules(db, user.accountId);
}

export async function createRule(db: Db, user: User, input: BotRuleInput): Promise<BotRule> {
  requireRole(user, ['admin'], EDIT);
  checked(input);
  return change(db, user.accountId, async (tx) => {
    const written = (await writeRule(tx, user.accountId, input))!;
    await recordAudit(tx, audit(user, 'bot_rule.create', written.id, { kind: written.kind, pattern: written.pattern }));
    return written;
  });
}

/** Replaces a reply; `not_found` when the account has no such reply. */
export async function updateRule(db: Db, user: User, id: string, input: BotRuleInput): Promise<BotRule> {
  requireRole(user, ['admin'], EDIT);
  checked(input);
  return change(db, user.accountId, async (tx) => {
    const written = await writeRule(tx, user.accountId, input, id);
    if (!written) throw notFound();
    await recordAudit(tx, audit(user, 'bot_rule.update', id, { kind: written.kind, pattern: written.pattern, enabled: written.enabled }));
    return written;
  });
}

export async function removeRule(db: Db, user: User, id: string): Promise<void> {
  requireRole(user, ['admin'], EDIT);
  await change(db, user.accountId, async (tx) => {
    const before = await getRule(tx, user.accountId, id);
    if (!before || !(await deleteRule(tx, user.accountId, id))) throw notFound();
    await recordAudit(tx, audit(user, 'bot_rule.delete', id, { kind: before.kind, pattern: before.pattern }));
  });
}

/** The bot's turns, newest first, with where the next page starts (null after the last). */
export async function turnsFor(db: Queryable, user: User, query: TurnQuery): Promise<{ turns: BotTurn[]; nextBefore: number | null }> {
  requireRole(user, ['admin', 'supervisor'], "read the bot's turns");
  const turns = await listTurns(db, user.accountId, query);
  return { turns, nextBefore: turns.length === query.limit ? Number(turns[turns.length - 1]!.id) : null };
}

/** A regex reply must be safe to run on every message. */
function checked(input: BotRuleInput): void {
  if (input.kind === 'keyword' && input.match === 'regex' && input.pattern) {
    const problem = unsafeRegexProblem(input.pattern);
    if (problem) throw unsafeRegexError(problem);
  }
}

const notFound = () => new AppError('not_found', 'There is no such bot reply.');

function audit(user: { id: string; accountId: string }, action: AuditAction, targetId: string, details: Record<string, unknown>) {
  return { accountId: user.accountId, actorId: user.id, action, targetType: 'bot_rule', targetId, details };
}
