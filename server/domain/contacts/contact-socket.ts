import type { Server } from 'socket.io';
import type { User } from '../../../shared/domain';
import { contactFor } from '../../../shared/pii-mask';
import { AGENT_NAMESPACE, agentRequests } from '../../../shared/protocol';
import type { Db } from '../../db/db';
import { publishContact } from '../../realtime/publish-contact';
import { onRequest, type ErrorLogger } from '../../realtime/request-handler';
import { roleRoom } from '../../realtime/rooms';
import type { OrdersOptions } from '../orders/orders-connector';
import { addContactNote } from './contact-notes';
import { setContactTags } from './contact-tags';
import { unmaskContact } from './contact-unmask';
import { customerProfile } from './customer-profile';

export type ContactRequestDeps = { db: Db; logError: ErrorLogger; orders?: OrdersOptions };

/**
 * The customer profile on the workstation's socket: `contacts:profile`, `contacts:tags:set`,
 * `contacts:note:add` and `contacts:unmask`, checked per user (see the protocol). Each socket joins
 * its role's room, so a changed contact is pushed masked as that role needs. The namespace's own
 * middleware has authenticated the socket and put its user in `socket.data.user`.
 */
export function registerContactRequests(io: Server, deps: ContactRequestDeps): void {
  io.of(AGENT_NAMESPACE).on('connection', (socket) => {
    const user = (socket.data as { user?: User }).user;
    if (!user) return;
    const { db, logError } = deps;
    void socket.join(roleRoom(user.accountId, user.role));

    onRequest(socket, 'contacts:profile', agentRequests['contacts:profile'], async ({ contactId }) => ({
      profile: await customerProfile(db, user, contactId, deps.orders),
    }), logError);

    onRequest(socket, 'contacts:tags:set', agentRequests['contacts:tags:set'], async ({ contactId, group, tags }) => {
      const contact = await setContactTags(db, user, contactId, group, tags);
      await publishContact(io, db, user.accountId, contact);
      return { contact: contactFor(user.role, contact) };
    }, logError);

    onRequest(socket, 'contacts:note:add', agentRequests['contacts:note:add'], async ({ contactId, body }) => ({
      note: await addContactNote(db, user, contactId, body),
    }), logError);

    onRequest(socket, 'contacts:unmask', agentRequests['contacts:unmask'], async (request) => ({
      reveal: await unmaskContact(db, user, request, deps.orders),
    }), logError);
  });
}
