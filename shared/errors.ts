import { z } from 'zod';

/** Stable error codes shared by the server, the client core and the UI. */
export const errorCodes = [
  'bad_request',
  /** Text that cannot be stored (a NUL byte); details.field says where. */
  'invalid_input',
  /** The request's body is larger than this route accepts. */
  'payload_too_large',
  /** A wrong password or an email nobody uses: the same answer, so it does not tell which. */
  'invalid_credentials',
  'rate_limited',
  'unauthorized',
  'token_expired',
  'forbidden',
  'not_found',
  'conflict',
  /** A quick reply's shortcut is already used by another of the same owner in that language (details.shortcut). */
  'shortcut_taken',
  /** The conversation is now assigned to someone else (details.assigneeName says who). */
  'reassigned',
  /** The conversation was resolved; a reply would go nowhere. */
  'resolved',
  /** A reply matched sensitive words set to block (details.words lists them, comma-separated). */
  'sensitive_blocked',
  'offline',
  'timeout',
  'server_unreachable',
  /** A server address on another machine without https: passwords and messages would cross the network in clear. */
  'insecure_server',
  'not_signed_in',
  /** The team's AI provider failed or took too long (reply suggestions, the connection test). */
  'ai_unavailable',
  /** Resolving needs an outcome tag on the conversation (an admin setting). */
  'outcome_required',
  /** An archived conversation tag cannot be put on another conversation (details.name says which). */
  'tag_archived',
  /** A satisfaction survey link or button that this server never issued, or one for another customer. */
  'survey_invalid',
  /** A satisfaction survey answered after it closed. */
  'survey_expired',
  /** The mail server refused a mail or could not be reached (the weekly report's test mail); the message says which. */
  'mail_failed',
  /** A file link that this server never signed, signed for someone else, or for a file they may no longer read. */
  'file_link_invalid',
  /** A file link used after it expired: ask for a new one. */
  'file_link_expired',
  /** A file larger than the conversation's channel takes (details.channel, details.maxSize): nothing was sent. */
  'attachment_too_large',
  /** A file of a type the conversation's channel does not take (details.channel, details.type): nothing was sent. */
  'attachment_type_refused',
  /** The team's file storage (or a widget customer's share of it) is full: the file was not kept. */
  'storage_full',
  'internal',
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Values the UI may put into its own sentence for this code (e.g. assigneeName). */
  details: z.record(z.string(), z.string()).optional(),
});
export type AppErrorShape = z.infer<typeof appErrorSchema>;

/** An error that crosses a boundary as `{ code, message }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, string> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, string>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toJSON(): AppErrorShape {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

/** Turns anything thrown into the `{ code, message }` shape, never losing the message. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const parsed = appErrorSchema.safeParse(err);
  if (parsed.success) return new AppError(parsed.data.code, parsed.data.message, parsed.data.details);
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('internal', message);
}

/** The envelope every request/response boundary answers with (socket acks, IPC, browser host). */
export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string, details?: Record<string, string>): Result<never> {
  return { ok: false, error: details ? { code, message, details } : { code, message } };
}

export function resultSchema<T extends z.ZodType>(data: T) {
  return z.union([
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}

/** Describes a zod failure in one line a developer or a user can read. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'payload'}: ${issue.message}`)
    .join('; ');
}

/** How long a `rate_limited` refusal asked to wait (details.retryAfterSeconds), in ms; 0 when it named no wait. */
export function retryAfterMs(error: Pick<AppErrorShape, 'code' | 'details'>): number {
  const seconds = Number(error.details?.retryAfterSeconds);
  return error.code === 'rate_limited' && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

/** Unwraps an envelope, throwing an AppError on failure. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.data;
  throw new AppError(result.error.code, result.error.message, result.error.details);
}
