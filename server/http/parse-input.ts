import type { z } from 'zod';
import { AppError, describeZodError } from '../../shared/errors';

/** Validates a request's body or query string; answers `bad_request` saying what is wrong. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('bad_request', describeZodError(parsed.error));
  return parsed.data;
}
