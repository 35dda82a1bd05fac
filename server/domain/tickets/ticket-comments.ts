import type { User } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { TicketComment, TicketEvent } from '../../../shared/tickets';
import type { Queryable } from '../../db/db';
import { blockedReplyError } from '../../../shared/sensitive-words';
import { isClientIdConflict } from '../conversations/message-change';
import type { SensitiveScreen } from '../sensitive/sensitive-screen';
import { sendPublicReply } from './customer-notices';
import { publishTicketOutcome, TicketChange, type TicketDeps, type TicketOutcome } from './ticket-change';
import { canSeeTicket, type TicketViewer } from './ticket-permissions';
import { findTicketEventByClientId, getTicketRecord, ticketAccess, type TicketRecord } from './ticket-repository';
import { lockVisibleTicket } from './update-ticket';
import { loadTicketViewer } from './ticket-viewer';

const EXCERPT_LENGTH = 140;

/**
 * Adds a comment to a ticket. Internal (the default of a help desk): only colleagues read it, and
 * each mentioned colleague who may see the ticket hears `ticket:mention`. Public: sent to the
 * customer as the author's message in the ticket's conversation, on its channel; the first one
 * stamps the ticket's first response. A comment retried with the same client id is stored once.
 */
export async function commentTicket(deps: TicketDeps, user: User, input: TicketComment): Promise<{ event: TicketEvent; ticket: TicketRecord }> {
  if (input.clientId) {
    const done = await retried(deps, user, input);
    if (done) return done;
  }
  const viewer = await loadTicketViewer(deps.db, user);
  let outcome: TicketOutcome;
  try {
    outcome = await deps.db.transaction((tx) => commentInTransaction(tx, viewer, input, new Date(deps.clock()), deps.sensitive));
  } catch (err) {
    if (input.clientId && isClientIdConflict(err)) {
      const done = await retried(deps, user, input);
      if (done) return done;
    }
    throw err;
  }
  await publishTicketOutcome(deps, outcome);
  return { event: outcome.events[0]!, ticket: outcome.ticket };
}

async function retried(deps: TicketDeps, user: User, input: TicketComment): Promise<{ event: TicketEvent; ticket: TicketRecord } | null> {
  const event = await findTicketEventByClientId(deps.db, input.clientId!);
  if (!event) return null;
  if (event.accountId !== user.accountId || event.ticketId !== input.ticketId || event.actorId !== user.id) {
    throw new AppError('conflict', 'This client id was already used for something else.');
  }
  const ticket = await getTicketRecord(deps.db, event.ticketId, deps.clock());
  if (!ticket) throw new AppError('not_found', 'There is no such ticket.');
  const { accountId: _account, ...stored } = event;
  return { event: stored, ticket };
}

async function commentInTransaction(tx: Queryable, viewer: TicketViewer, input: TicketComment, at: Date, screen?: SensitiveScreen): Promise<TicketOutcome> {
  const ticket = await lockVisibleTicket(tx, viewer, input.ticketId, at.getTime());
  const change = new TicketChange(tx, viewer.accountId, ticket.id, at);
  if (input.public) {
    // What reaches the customer is screened like any reply: blocked words refuse it, masked ones are starred.
    let body = input.body;
    if (screen) {
      const { check, masked } = await screen.maskReply(tx, viewer.accountId, input.body);
      const blocked = blockedReplyError(check);
      if (blocked) throw blocked;
      body = masked;
    }
    const conversationId = await sendPublicReply(change, ticket.number, viewer.id, body);
    const messageId = change.customer[change.customer.length - 1]?.message?.id ?? null;
    await change.event({ kind: 'reply', public: true, actorType: 'user', actorId: viewer.id, body, data: { conversationId, messageId }, clientId: input.clientId ?? null });
    await tx.query('UPDATE tickets SET first_responded_at = COALESCE(first_responded_at, $2) WHERE id = $1', [ticket.id, at]);
    return change.finish();
  }
  const mentioned = await mentionable(tx, ticket, input.mentions);
  const eventId = await change.event({ kind: 'comment', actorType: 'user', actorId: viewer.id, body: input.body, data: { mentions: mentioned }, clientId: input.clientId ?? null });
  const excerpt = input.body.length > EXCERPT_LENGTH ? `${input.body.slice(0, EXCERPT_LENGTH - 1)}…` : input.body;
  for (const userId of mentioned) {
    if (userId === viewer.id) continue;
    change.mentions.push({ userId, notice: { ticketId: ticket.id, number: ticket.number, subject: ticket.subject, eventId, byName: viewer.name, excerpt } });
  }
  return change.finish();
}

/** Of the mentioned users, the active colleagues of the account who may see the ticket (others are not told of it). */
async function mentionable(tx: Queryable, ticket: TicketRecord, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const users = await tx.query<{ id: string; role: User['role']; name: string }>(
    'SELECT id, role, name FROM users WHERE id = ANY($1::text[]) AND account_id = $2 AND deactivated_at IS NULL',
    [[...new Set(ids)], ticket.accountId],
  );
  const seeing: string[] = [];
  for (const u of users) {
    const viewer = await loadTicketViewer(tx, { id: u.id, accountId: ticket.accountId, role: u.role, name: u.name });
    if (canSeeTicket(viewer, await ticketAccess(tx, viewer, ticket))) seeing.push(u.id);
  }
  return seeing;
}
