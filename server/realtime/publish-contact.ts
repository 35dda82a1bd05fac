import type { Server } from 'socket.io';
import { roleSchema, type Contact, type Role } from '../../shared/domain';
import { contactFor } from '../../shared/pii-mask';
import { AGENT_NAMESPACE } from '../../shared/protocol';
import type { Queryable } from '../db/db';
import { roleRoom, userRoom } from './rooms';

/**
 * Pushes a changed contact (`contact:updated`) to every desktop that may see it, masked for each
 * role as `contacts:get` would answer: supervisors and admins all, agents when the contact has an
 * unassigned conversation (every agent) or else the agents assigned one of its conversations.
 */
export async function publishContact(io: Server, db: Queryable, accountId: string, contact: Contact): Promise<void> {
  const nsp = io.of(AGENT_NAMESPACE);
  const assignees = await db.query<{ assignee_id: string | null; role: Role | null }>(
    `SELECT DISTINCT v.assignee_id, u.role FROM conversations v LEFT JOIN users u ON u.id = v.assignee_id WHERE v.contact_id = $1`,
    [contact.id],
  );
  const everyAgent = assignees.some((a) => a.assignee_id === null);
  const assignedAgents = assignees.flatMap((a) => (a.role === 'agent' && a.assignee_id ? [userRoom(a.assignee_id)] : []));
  for (const role of roleSchema.options) {
    const rooms = role !== 'agent' || everyAgent ? [roleRoom(accountId, role)] : assignedAgents;
    // An empty room list would broadcast to the whole namespace.
    if (rooms.length > 0) nsp.to(rooms).emit('contact:updated', contactFor(role, contact));
  }
}
