import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { systemLines, type SystemLine } from '../../../shared/system-lines';
import type { Db, Queryable } from '../../db/db';
import { nextSeq } from '../../db/sequence';
import { recordAudit } from '../audit/audit-log';
import { getConversationView, lockConversation, type LockedConversation } from '../conversations/conversation-repository';
import type { ConversationChange, MessageChange } from '../conversations/message-change';
import { getMessageView, insertMessage } from '../conversations/message-repository';
import { loadMember } from '../conversations/member-repository';
import { canAct, canRead, type Viewer } from '../conversations/permissions';
import { actRefusal, resolvedError } from '../conversations/refusals';

export const isStaff = (user: Viewer) => user.role === 'supervisor' || user.role === 'admin';

const staffOnly = (what: string) => new AppError('forbidden', `Only supervisors and admins can ${what}.`);

async function actorName(tx: Queryable, userId: string): Promise<string> {
  const rows = await tx.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [userId]);
  return rows[0]?.name ?? 'a supervisor';
}

async function lockOpen(tx: Queryable, user: Viewer, conversationId: string): Promise<LockedConversation> {
  const locked = await lockConversation(tx, conversationId);
  if (!locked || locked.accountId !== user.accountId) throw new AppError('not_found', 'conversation not found');
  return locked;
}

/**
 * Stores an agents-only message under its own sequence number, then gives the conversation the
 * next one, with `alsoSet` (more assignments, their parameters from $3) in the same UPDATE: a
 * second UPDATE of the row would check its foreign keys again, share-locking the contact that a
 * customer's message locks before the conversation (a deadlock on PostgreSQL).
 */
async function addInternal(
  tx: Queryable,
  locked: LockedConversation,
  senderType: 'agent' | 'system',
  senderId: string | null,
  body: string,
  system: SystemLine | null = null,
  alsoSet: { sql: string; params: readonly unknown[] } = { sql: '', params: [] },
): Promise<string> {
  const id = randomUUID();
  await insertMessage(tx, {
    id, accountId: locked.accountId, conversationId: locked.id, seq: await nextSeq(tx, locked.accountId),
    senderType, senderId, body, clientId: null, internal: true, system,
  });
  await tx.query(`UPDATE conversations SET seq = $2${alsoSet.sql} WHERE id = $1`, [locked.id, await nextSeq(tx, locked.accountId), ...alsoSet.params]);
  return id;
}

async function changeWith(tx: Queryable, locked: LockedConversation, messageId: string): Promise<MessageChange> {
  const conversation = await getConversationView(tx, locked.id);
  const message = await getMessageView(tx, messageId);
  if (!conversation || !message) throw new Error('locked conversation vanished inside its transaction');
  return { conversation, message, previousAssigneeId: locked.assigneeId, created: true };
}

// ---- notes and whispers ---------------------------------------------------------------------------

export type NoteInput = { conversationId: string; body: string; mentions?: string[] };
export type Mention = { userId: string; conversationId: string; messageId: string; byName: string; excerpt: string };
export type NoteResult = { change: MessageChange; mentions: Mention[] };

const EXCERPT_LENGTH = 140;
const excerptOf = (body: string) => {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT_LENGTH ? `${line.slice(0, EXCERPT_LENGTH - 1)}…` : line;
};

/**
 * An internal note (senderType agent, internal): agents on conversations they may act on (private
 * notes), supervisors and admins on any open conversation of their account (a whisper to the
 * agent, audited). Mentioned users must be agents or supervisors of the account who may read the
 * conversation.
 */
export async function addNote(db: Db, user: Viewer, input: NoteInput): Promise<NoteResult> {
  return db.transaction(async (tx) => {
    const locked = await lockOpen(tx, user, input.conversationId);
    if (!canAct(await loadMember(tx, user), locked)) throw await actRefusal(tx, locked);
    if (locked.status === 'resolved') throw resolvedError();
    const mentionIds = [...new Set(input.mentions ?? [])];
    if (mentionIds.length > 0) {
      const found = await tx.query<{ id: string; name: string; role: 'agent' | 'supervisor' }>(
        `SELECT id, name, role FROM users WHERE id = ANY($1::text[]) AND account_id = $2 AND role IN ('agent', 'supervisor')`,
        [mentionIds, user.accountId],
      );
      if (found.length !== mentionIds.length) throw new AppError('bad_request', 'mentions: only agents and supervisors of your team can be mentioned');
      // Nobody is pointed at a conversation they may not open.
      const members = await Promise.all(found.map((m) => loadMember(tx, { id: m.id, accountId: user.accountId, role: m.role })));
      const blind = found.find((_, i) => !canRead(members[i]!, locked));
      if (blind) throw new AppError('bad_request', `mentions: ${blind.name} cannot see this conversation`, { userId: blind.id });
    }
    const messageId = await addInternal(tx, locked, 'agent', user.id, input.body);
    const byName = await actorName(tx, user.id);
    if (isStaff(user)) {
      await recordAudit(tx, {
        accountId: user.accountId, actorId: user.id, action: 'whisper', targetType: 'conversation', targetId: locked.id,
        details: { messageId, assigneeId: locked.assigneeId, mentions: mentionIds },
      });
    }
    const change = await changeWith(tx, locked, messageId);
    const excerpt = excerptOf(input.body);
    return {
      change,
      mentions: mentionIds.map((userId) => ({ userId, conversationId: locked.id, messageId, byName, excerpt })),
    };
  });
}

// ---- takeover -------------------------------------------------------------------------------------

export type TakeoverInput = { conversationId: string; toUserId?: string; reason?: string };
export type TakeoverResult = { change: MessageChange; byName: string; reason: string };

export const takenOverNote = (name: string) => `taken over by ${name}`;

/**
 * A supervisor or admin reassigns an open conversation to themselves (or to the agent named) in one
 * step: assigned, any offer cleared, an internal note in the thread, audited. The previous assignee
 * loses it like any other reassignment; their next reply is refused as `reassigned`.
 */
export async function takeOver(db: Db, user: Viewer, input: TakeoverInput): Promise<TakeoverResult> {
  if (!isStaff(user)) throw staffOnly('take over a conversation');
  return db.transaction(async (tx) => {
    const locked = await lockOpen(tx, user, input.conversationId);
    if (locked.status === 'resolved') throw resolvedError();
    const targetId = input.toUserId ?? user.id;
    const rows = await tx.query<{ id: string; name: string }>(
      // Themselves (an admin too), or an agent or supervisor who handles chats.
      `SELECT id, name FROM users WHERE id = $1 AND account_id = $2 AND (id = $3 OR role IN ('agent', 'supervisor'))`,
      [targetId, user.accountId, user.id],
    );
    const target = rows[0];
    if (!target) throw new AppError('not_found', 'There is no such agent or supervisor in your team.');
    if (locked.assigneeId === target.id) throw new AppError('bad_request', `This conversation is already with ${target.name}.`);
    const byName = await actorName(tx, user.id);
    const reason = input.reason?.trim() || takenOverNote(byName);
    await tx.query('UPDATE users SET last_assigned_at = now() WHERE id = $1', [target.id]);
    const note = target.id === user.id ? takenOverNote(byName) : `${takenOverNote(byName)} → ${target.name}`;
    const line = target.id === user.id ? systemLines.takeover(byName) : systemLines.takeover(byName, target.name);
    const messageId = await addInternal(tx, locked, 'system', null, note, line, {
      sql: `, assignee_id = $3, routing_state = 'assigned', offered_to = NULL, offer_expires_at = NULL, waiting_since = NULL, assigned_at = now()`,
      params: [target.id],
    });
    await recordAudit(tx, {
      accountId: user.accountId, actorId: user.id, action: 'takeover', targetType: 'conversation', targetId: locked.id,
      details: { previousAssigneeId: locked.assigneeId, offeredTo: locked.offeredToId, assigneeId: target.id, reason },
    });
    return { change: await changeWith(tx, locked, messageId), byName, reason };
  });
}

// ---- barge-in -------------------------------------------------------------------------------------

export const joinedNote = (name: string) => `${name} joined`;

/**
 * A supervisor or admin joins an open conversation beside its agent: recorded as a participant,
 * an agents-only system message, audited. Joining again changes nothing. Their replies then go to
 * the customer as any staff reply does, without taking the conversation.
 */
export async function joinConversation(db: Db, user: Viewer, conversationId: string): Promise<ConversationChange> {
  if (!isStaff(user)) throw staffOnly('join a conversation');
  return db.transaction(async (tx) => {
    const locked = await lockOpen(tx, user, conversationId);
    if (locked.status === 'resolved') throw resolvedError();
    const inserted = await tx.query<{ user_id: string }>(
      'INSERT INTO conversation_participants (conversation_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id',
      [locked.id, user.id],
    );
    if (inserted.length === 0) {
      const conversation = await getConversationView(tx, locked.id);
      if (!conversation) throw new Error('locked conversation vanished inside its transaction');
      return { conversation, previousAssigneeId: locked.assigneeId, created: false };
    }
    const name = await actorName(tx, user.id);
    const messageId = await addInternal(tx, locked, 'system', null, joinedNote(name), systemLines.joined(name));
    await recordAudit(tx, {
      accountId: user.accountId, actorId: user.id, action: 'barge_in', targetType: 'conversation', targetId: locked.id,
      details: { assigneeId: locked.assigneeId },
    });
    return changeWith(tx, locked, messageId);
  });
}

/** Who joined a conversation, for tests and the supervisor board. */
export async function listParticipants(db: Queryable, conversationId: string): Promise<string[]> {
  const rows = await db.query<{ user_id: string }>(
    'SELECT user_id FROM conversation_participants WHERE conversation_id = $1 ORDER BY joined_at',
    [conversationId],
  );
  return rows.map((r) => r.user_id);
}
