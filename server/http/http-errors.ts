import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../../shared/errors';

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  bad_request: 400,
  invalid_input: 400,
  payload_too_large: 413,
  invalid_credentials: 401,
  unauthorized: 401,
  token_expired: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  reassigned: 409,
  resolved: 409,
  rate_limited: 429,
  survey_invalid: 404,
  survey_expired: 410,
  file_link_invalid: 403,
  file_link_expired: 403,
  attachment_too_large: 413,
  attachment_type_refused: 415,
  storage_full: 507,
};

/** The HTTP status for an error code; anything unexpected is a 500. */
export function httpStatusFor(code: ErrorCode): number {
  return STATUS_BY_CODE[code] ?? 500;
}

/** Answers every error as `{ code, message }` with a matching status. */
export function handleHttpError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof AppError) {
    if ('retryAfterSeconds' in error && typeof error.retryAfterSeconds === 'number') {
      void reply.header('Retry-After', String(error.retryAfterSeconds));
    }
    void reply.status(httpStatusFor(error.code)).send(error.toJSON());
    return;
  }
  const status = (error as FastifyError).statusCode;
  // Fastify's own 4xx: body too large, unparseable JSON, wrong content type.
  if (status === 413) {
    void reply.status(413).send({ code: 'payload_too_large', message: 'The request body is larger than this address accepts.' });
    return;
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    void reply.status(400).send({ code: 'bad_request', message: error.message });
    return;
  }
  request.log.error(error);
  void reply.status(500).send({ code: 'internal', message: 'something went wrong on the server' });
}
