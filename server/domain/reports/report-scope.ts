import type { User } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ReportQuery, ReportScope } from '../../../shared/reports';

/**
 * Whose figures a caller gets: supervisors and admins the account's, filtered by the agent they
 * ask for if any; agents only their own (the agent filter is set to them, whatever they asked).
 * Department staff work with tickets only: `forbidden`.
 */
export function reportScope(user: Pick<User, 'id' | 'role'>, query: Pick<ReportQuery, 'agentId'>): { scope: ReportScope; agentId: string | null } {
  if (user.role === 'admin' || user.role === 'supervisor') return { scope: 'account', agentId: query.agentId ?? null };
  if (user.role === 'staff') throw new AppError('forbidden', 'Department staff see ticket figures only.');
  return { scope: 'own', agentId: user.id };
}
