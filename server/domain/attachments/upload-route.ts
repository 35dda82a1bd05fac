import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { uploadNameSchema, VISITOR_QUOTA_BYTES, type UploadResult } from '../../../shared/attachments';
import { idSchema } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { formatBytes, WIDGET_MAX_FILE_BYTES } from '../../../shared/outbound-files';
import type { Db } from '../../db/db';
import type { Clock } from '../../lib/clock';
import { verifyVisitorToken } from '../../channels/widget/visitor-token';
import { canonicalContactId } from '../contacts/contact-repository';
import { parseInput } from '../../http/parse-input';
import { requestUser, type RequestAuthDeps } from '../../http/request-user';
import { getConversationView, lockConversation } from '../conversations/conversation-repository';
import { loadMember } from '../conversations/member-repository';
import { canAct } from '../conversations/permissions';
import { actRefusal } from '../conversations/refusals';
import type { AttachmentIntake } from './attachment-intake';
import type { AttachmentRecord } from './attachment-repository';

/**
 * Registers routes whose body is a file's raw bytes, whatever its content type: read as a stream
 * (never buffered whole), counted and cut off by the intake at the largest file kept.
 */
export async function registerFileBodyRoutes(app: FastifyInstance, routes: (scope: FastifyInstance) => void): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    routes(scope);
  });
}

/**
 * The request's body as a stream (an empty one when it had none). A body that says up front it is
 * larger than `maxBytes` is refused before a byte of it is read.
 */
export function bodyStream(request: FastifyRequest, maxBytes: number): Readable | Uint8Array {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new AppError('payload_too_large', `The file is larger than ${formatBytes(maxBytes)}.`, { maxSize: formatBytes(maxBytes) });
  }
  const body = request.body as Readable | undefined;
  return body && typeof body.pipe === 'function' ? body : new Uint8Array(0);
}

/** The answer to an upload: what the server kept. */
export function uploadResult(file: AttachmentRecord): UploadResult {
  return { fileId: file.id, fileName: file.fileName ?? 'file', mimeType: file.mimeType ?? 'application/octet-stream', size: file.size ?? 0 };
}

const paramsSchema = z.object({ id: idSchema });
const querySchema = z.object({ name: uploadNameSchema });

/**
 * POST /api/conversations/:id/uploads?name=<file name>: an agent's file for a reply in a
 * conversation they may write to (the same rule as sending). Answers 201 with the kept file, whose
 * id a `message:send` then names; refuses with `reassigned`/`forbidden`, `resolved`,
 * `payload_too_large` or `storage_full`.
 */
export function registerAgentUploadRoute(scope: FastifyInstance, deps: RequestAuthDeps & { db: Db; intake: AttachmentIntake }): void {
  scope.post('/api/conversations/:id/uploads', async (request, reply) => {
    const user = await requestUser(request, deps);
    const { id } = parseInput(paramsSchema, request.params);
    const { name } = parseInput(querySchema, request.query);
    const conversation = await getConversationView(deps.db, id);
    if (!conversation || conversation.accountId !== user.accountId) throw new AppError('not_found', 'conversation not found');
    if (!canAct(await loadMember(deps.db, user), conversation)) {
      const locked = await lockConversation(deps.db, id);
      throw locked ? await actRefusal(deps.db, locked) : new AppError('not_found', 'conversation not found');
    }
    if (conversation.status === 'resolved') throw new AppError('resolved', 'This conversation was resolved.');
    const file = await deps.intake.storeUpload(
      { accountId: user.accountId, conversationId: id, uploader: { id: user.id, kind: 'agent' } },
      name,
      bodyStream(request, deps.intake.limits.maxFileBytes),
    );
    return reply.status(201).send(uploadResult(file));
  });
}

/**
 * POST /api/visitor-uploads?name=<file name> with `X-Visitor-Token: <the widget's token>`: a widget
 * customer's file for their next message (`visitor:send` names it). Up to the widget's largest
 * file, and up to VISITOR_QUOTA_BYTES of files per customer in all (`storage_full` beyond);
 * `unauthorized` without a valid token.
 */
export function registerVisitorUploadRoute(scope: FastifyInstance, deps: { db: Db; secret: string; clock: Clock; intake: AttachmentIntake }): void {
  scope.post('/api/visitor-uploads', async (request, reply) => {
    const header = request.headers['x-visitor-token'];
    const claims = await verifyVisitorToken(typeof header === 'string' ? header : undefined, deps.secret, deps.clock);
    if (!claims) throw new AppError('unauthorized', 'This chat session is not valid; reload the page.');
    const { name } = parseInput(querySchema, request.query);
    const contactId = await canonicalContactId(deps.db, claims.contactId);
    const rows = await deps.db.query<{ account_id: string }>(
      "SELECT c.account_id FROM contacts c JOIN channels ch ON ch.id = $2 AND ch.account_id = c.account_id AND ch.kind = 'widget' AND ch.enabled WHERE c.id = $1",
      [contactId, claims.channelId],
    );
    if (!rows[0]) throw new AppError('unauthorized', 'This chat session is not valid; reload the page.');
    const file = await deps.intake.storeUpload(
      { accountId: rows[0].account_id, conversationId: null, uploader: { id: contactId, kind: 'contact' } },
      name,
      bodyStream(request, WIDGET_MAX_FILE_BYTES),
      VISITOR_QUOTA_BYTES,
    );
    return reply.status(201).send(uploadResult(file));
  });
}
