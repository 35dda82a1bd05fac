import type { TeamMember } from '../../../shared/domain';

/** Department staff take no chats and read no conversations: they are left out wherever chats are handed or counted. */
export function worksChats(member: Pick<TeamMember, 'role'>): boolean {
  return member.role !== 'staff';
}

/**
 * Applies one colleague's change (`team.member`): replaces the entry with the same id, or adds it
 * at the end. Returns the same array when nothing changed, so views do not re-render for nothing.
 */
export function upsertTeamMember(agents: readonly TeamMember[], member: TeamMember): TeamMember[] {
  const index = agents.findIndex((a) => a.id === member.id);
  if (index === -1) return [...agents, member];
  const current = agents[index];
  if (current && sameMember(current, member)) return agents as TeamMember[];
  const next = [...agents];
  next[index] = member;
  return next;
}

function sameMember(a: TeamMember, b: TeamMember): boolean {
  return (
    a.name === b.name &&
    a.role === b.role &&
    a.presence === b.presence &&
    a.load === b.load &&
    a.maxChats === b.maxChats &&
    a.groupIds.length === b.groupIds.length &&
    a.groupIds.every((id, i) => b.groupIds[i] === id)
  );
}
