import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../shared/errors';
import { REQUIRED_SECRETS } from '../../../shared/channels';
import type { ChannelKind } from '../../../shared/domain';
import type { ChannelDirectory } from '../../domain/channels/channel-directory';
import type { ChannelRecord } from '../../domain/channels/channel-repository';

/** Largest webhook body accepted: platforms send JSON or XML envelopes, never media. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/**
 * Registers routes that need the request's raw bytes (signatures are computed over them): inside
 * this scope every body arrives as a Buffer, whatever its content type, and is parsed by the route
 * only after its signature checked out.
 */
export async function registerRawBodyRoutes(app: FastifyInstance, routes: (scope: FastifyInstance) => void): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) => done(null, body));
    routes(scope);
  });
}

/** The raw body of a request in a raw-body scope (empty when there was none). */
export function rawBody(request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

/**
 * The enabled channel of `kind` a webhook URL names, with the secrets it needs to check a
 * signature. Unknown, disabled and other kinds' channels all answer 404 (nothing is stored); a
 * channel whose secrets are not set answers 403: it cannot tell a real request from a forged one.
 */
export async function webhookChannel(directory: ChannelDirectory, kind: ChannelKind, channelId: unknown): Promise<ChannelRecord> {
  const id = typeof channelId === 'string' ? channelId : '';
  const channel = id && id.length <= 64 ? await directory.get(id) : null;
  if (!channel || channel.kind !== kind || !channel.enabled) throw new AppError('not_found', 'no such channel');
  const missing = REQUIRED_SECRETS[kind].filter((name) => !channel.secrets[name]);
  if (missing.length > 0) throw new AppError('forbidden', `this channel is not set up yet (missing ${missing.join(', ')})`);
  return channel;
}

/** Parses a JSON body, refusing (400) anything that is not JSON. */
export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new AppError('bad_request', 'the body is not valid JSON');
  }
}

/** A webhook's body as JSON; a body that is not JSON is logged as malformed and refused (bad_request). */
export function webhookJson(request: FastifyRequest, channel: ChannelRecord): unknown {
  try {
    return parseJsonBody(rawBody(request));
  } catch (err) {
    logMalformed(request, channel, 'not JSON');
    throw err;
  }
}

/** A one-line description of a payload problem for the log, never the payload itself (it holds personal data). */
export function logMalformed(request: FastifyRequest, channel: ChannelRecord, reason: string): void {
  request.log.warn({ channelId: channel.id, kind: channel.kind, reason }, 'malformed webhook payload refused');
}
