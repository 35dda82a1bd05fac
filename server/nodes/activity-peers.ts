import type { Namespace, Server } from 'socket.io';
import { z } from 'zod';
import { activitySchema, conversationStatusSchema, idSchema, type Activity } from '../../shared/domain';
import { AGENT_NAMESPACE } from '../../shared/protocol';
import type { ErrorLogger } from '../lib/error-logger';
import type { ActivityPeers, ChangedAccess } from '../realtime/activity-relay';

const LIST_EVENT = 'activity:peer-list';
const OF_USER_EVENT = 'activity:peer-of-user';
const ACCESS_EVENT = 'activity:peer-access';

const boardSchema = z.array(activitySchema).max(10_000);
const accessSchema = z.object({
  id: idSchema,
  accountId: idSchema,
  assigneeId: idSchema.nullable(),
  status: conversationStatusSchema,
  groupId: idSchema.nullable(),
  offeredToId: idSchema.nullable(),
});

/**
 * The activity relays of the other nodes, asked and told with socket.io's server-side events
 * through the shared adapter (Redis or PostgreSQL). A node that does not answer in the adapter's
 * time (5 s: one just killed) is left out; the others' answers are used.
 */
export function activityPeers(io: Server, logError: ErrorLogger): ActivityPeers {
  const nsp = io.of(AGENT_NAMESPACE);
  return {
    list: (conversationId) => ask(nsp, LIST_EVENT, conversationId),
    ofUser: (userId) => ask(nsp, OF_USER_EVENT, userId),
    accessChanged(conversation: ChangedAccess) {
      const { id, accountId, assigneeId, status, groupId, offeredToId } = conversation;
      nsp.serverSideEmit(ACCESS_EVENT, { id, accountId, assigneeId, status, groupId, offeredToId });
    },
    serve(board) {
      nsp.on(LIST_EVENT, (conversationId: unknown, ack: unknown) => {
        if (typeof ack !== 'function' || !idSchema.safeParse(conversationId).success) return;
        board.list(conversationId as string).then(
          (activities) => ack(activities),
          (err: unknown) => {
            logError(err, 'activity asked by another node');
            ack([]);
          },
        );
      });
      nsp.on(OF_USER_EVENT, (userId: unknown, ack: unknown) => {
        if (typeof ack !== 'function' || !idSchema.safeParse(userId).success) return;
        ack(board.ofUser(userId as string));
      });
      nsp.on(ACCESS_EVENT, (conversation: unknown) => {
        const parsed = accessSchema.safeParse(conversation);
        if (parsed.success) board.accessChanged(parsed.data);
      });
    },
  };
}

/** Every other node's answer (one list each), flattened; what does not parse is left out. */
function ask(nsp: Namespace, event: string, id: string): Promise<Activity[]> {
  return new Promise((resolve) => {
    // On a timeout the adapter still hands over the answers that came.
    nsp.serverSideEmit(event, id, (_err: unknown, responses: unknown) => {
      const answers = Array.isArray(responses) ? responses : [];
      resolve(answers.flatMap((answer) => boardSchema.safeParse(answer).data ?? []));
    });
  });
}
