import { AppError } from '../../../shared/errors';
import type { Viewer } from '../conversations/permissions';

/** Refuses anyone but an admin with `forbidden`, saying what they tried to do. */
export function requireAdmin(user: Viewer, what: string): void {
  if (user.role !== 'admin') throw new AppError('forbidden', `Only admins can ${what}.`);
}
