import type { FastifyInstance } from 'fastify';
import {
  contactMergeRequestSchema,
  contactNoteRequestSchema,
  contactTagsRequestSchema,
  contactUnmaskRequestSchema,
  contactUnmergeRequestSchema,
} from '../../../shared/contact-profile';
import { AppError, describeZodError } from '../../../shared/errors';
import { contactFor } from '../../../shared/pii-mask';
import { requestUser, type RequestAuthDeps } from '../../http/request-user';
import type { DomainEvents } from '../events';
import type { OrdersOptions } from '../orders/orders-connector';
import { canonicalContactId, getContacts } from './contact-repository';
import { mergeContacts, unmergeContacts } from './contact-merge';
import { addContactNote } from './contact-notes';
import { assertVisibleContact, contactProfile } from './contact-profile';
import { setContactTags } from './contact-tags';
import { unmaskContact } from './contact-unmask';
import { customerProfile } from './customer-profile';

export type ContactRouteDeps = RequestAuthDeps & { events: DomainEvents; orders?: OrdersOptions };

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } }, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new AppError('bad_request', describeZodError(parsed.error));
  return parsed.data;
}

/**
 * Contacts across channels (Authorization: Bearer <access token>; agents see the customers of
 * conversations they may read, supervisors and admins all):
 * - GET /api/contacts/:id: the profile with every identity, conversation and merge, orders, lifetime
 *   spend and notes (phones, emails and addresses masked for agents, see shared/pii-mask.ts);
 * - PUT /api/contacts/:id/tags {"group", "tags"}: replaces one group of tags (audited; every desktop hears it);
 * - POST /api/contacts/:id/notes {"body"}: adds a note;
 * - POST /api/contacts/:id/unmask {"field", "conversationId"}: the clear phone, email or addresses,
 *   for a conversation of this customer the user can read (audited);
 * - POST /api/contacts/:id/merge {"contactId"}: that contact joins this one (audited);
 * - POST /api/contacts/:id/unmerge {"mergeId"}: undoes a merge into this contact (audited).
 * Conversations that change contact get a new sequence number and reach every desktop.
 */
export function registerContactRoutes(app: FastifyInstance, deps: ContactRouteDeps): void {
  app.get<{ Params: { id: string } }>('/api/contacts/:id', async (request) => {
    const user = await requestUser(request, deps);
    return customerProfile(deps.db, user, request.params.id, deps.orders);
  });

  app.put<{ Params: { id: string } }>('/api/contacts/:id/tags', async (request) => {
    const user = await requestUser(request, deps);
    const { group, tags } = parse(contactTagsRequestSchema, request.body);
    const contact = await setContactTags(deps.db, user, request.params.id, group, tags);
    await deps.events.emit({ type: 'contact.changed', accountId: user.accountId, contact });
    return { contact: contactFor(user.role, contact) };
  });

  app.post<{ Params: { id: string } }>('/api/contacts/:id/notes', async (request) => {
    const user = await requestUser(request, deps);
    const { body } = parse(contactNoteRequestSchema, request.body);
    return { note: await addContactNote(deps.db, user, request.params.id, body) };
  });

  app.post<{ Params: { id: string } }>('/api/contacts/:id/unmask', async (request) => {
    const user = await requestUser(request, deps);
    const { field, conversationId } = parse(contactUnmaskRequestSchema, request.body);
    return { reveal: await unmaskContact(deps.db, user, { contactId: request.params.id, conversationId, field }, deps.orders) };
  });

  app.post<{ Params: { id: string } }>('/api/contacts/:id/merge', async (request) => {
    const user = await requestUser(request, deps);
    const { contactId: otherId } = parse(contactMergeRequestSchema, request.body);
    const keptId = await canonicalContactId(deps.db, request.params.id);
    await assertVisibleContact(deps.db, user, keptId);
    await assertVisibleContact(deps.db, user, otherId);
    const result = await deps.db.transaction((tx) =>
      mergeContacts(tx, { accountId: user.accountId, keptId, mergedId: otherId, reason: 'manual', actorId: user.id }),
    );
    for (const change of result.changes) void deps.events.emit({ type: 'conversation.changed', change });
    await publishContacts(deps, user.accountId, [keptId]);
    return { mergeId: result.mergeId, profile: await contactProfile(deps.db, user, keptId) };
  });

  app.post<{ Params: { id: string } }>('/api/contacts/:id/unmerge', async (request) => {
    const user = await requestUser(request, deps);
    const { mergeId } = parse(contactUnmergeRequestSchema, request.body);
    const keptId = await canonicalContactId(deps.db, request.params.id);
    await assertVisibleContact(deps.db, user, keptId);
    const result = await deps.db.transaction(async (tx) => {
      const owner = await tx.query<{ kept_contact_id: string }>('SELECT kept_contact_id FROM contact_merges WHERE id = $1', [mergeId]);
      if (owner[0]?.kept_contact_id !== keptId) throw new AppError('not_found', 'no such merge on this contact');
      return unmergeContacts(tx, { accountId: user.accountId, mergeId, actorId: user.id });
    });
    for (const change of result.changes) void deps.events.emit({ type: 'conversation.changed', change });
    await publishContacts(deps, user.accountId, [keptId, result.mergedId]);
    return { mergedContactId: result.mergedId, profile: await contactProfile(deps.db, user, keptId) };
  });
}

/** The contacts a merge or unmerge changed (phone, email, VIP level, tags) reach every desktop that may see them. */
async function publishContacts(deps: ContactRouteDeps, accountId: string, ids: string[]): Promise<void> {
  for (const contact of await getContacts(deps.db, accountId, ids)) await deps.events.emit({ type: 'contact.changed', accountId, contact });
}
