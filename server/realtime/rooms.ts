/**
 * Room names. Pushes go to rooms, never to sockets found by iteration, so a shared adapter
 * (Redis) can reach sockets on other nodes.
 */

/** Supervisors and admins of an account: they see every conversation. */
export const staffRoom = (accountId: string) => `account:${accountId}:staff`;

/** Every signed-in user of an account: the audience of unassigned conversations. */
export const agentsRoom = (accountId: string) => `account:${accountId}:agents`;

/** Every signed-in user of one role in an account (joined in agent-namespace.ts): pushes masked per role. */
export const roleRoom = (accountId: string, role: string) => `account:${accountId}:role:${role}`;

/** One user's sockets (all their devices). */
export const userRoom = (userId: string) => `user:${userId}`;

/** The sockets of one sign-in session (one device's sign-in). */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** One visitor's sockets on one channel (all their tabs). */
export const visitorRoom = (channelId: string, contactId: string) => `visitor:${channelId}:${contactId}`;
