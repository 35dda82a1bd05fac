import type { Presence, SkillGroup, TeamMember } from '../../../../shared/domain';
import { presences } from '../../stores/presence-logic';
import { worksChats } from '../../stores/team-logic';

/** One colleague on the live agent board. */
export interface BoardEntry {
  member: TeamMember;
  /** Names of their skill groups, in the team's order (ids the team does not know are left out). */
  groupNames: string[];
  /** Load as a share of their limit, 0–100. */
  loadPercent: number;
  /** They carry as many chats as they may take. */
  full: boolean;
}

function presenceRank(presence: Presence): number {
  const index = presences.indexOf(presence);
  return index === -1 ? presences.length : index;
}

/** How full a colleague is, in whole percent, never above 100. */
export function loadPercent(member: Pick<TeamMember, 'load' | 'maxChats'>): number {
  if (member.maxChats <= 0) return 100;
  return Math.min(100, Math.round((member.load / member.maxChats) * 100));
}

/**
 * The board's order: online, busy, away, then offline; within each, the most loaded first (by
 * share of their limit, then by chats), then by name.
 */
export function boardEntries(agents: readonly TeamMember[], groups: readonly SkillGroup[], locale?: string): BoardEntry[] {
  const groupNames = new Map(groups.map((g) => [g.id, g.name]));
  const order = new Map(groups.map((g, i) => [g.id, i]));
  return agents
    .filter(worksChats)
    .map((member) => ({
      member,
      groupNames: [...member.groupIds]
        .filter((id) => groupNames.has(id))
        .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
        .map((id) => groupNames.get(id) ?? id),
      loadPercent: loadPercent(member),
      full: member.load >= member.maxChats,
    }))
    .sort(
      (a, b) =>
        presenceRank(a.member.presence) - presenceRank(b.member.presence) ||
        b.member.load / b.member.maxChats - a.member.load / a.member.maxChats ||
        b.member.load - a.member.load ||
        a.member.name.localeCompare(b.member.name, locale) ||
        (a.member.id < b.member.id ? -1 : 1),
    );
}

/** The figures above the board. */
export interface BoardSummary {
  /** Colleagues who can take chats now (online). */
  online: number;
  /** Chats they carry, and how many they may carry at most, counting those not offline. */
  load: number;
  capacity: number;
}

export function summarizeBoard(agents: readonly TeamMember[]): BoardSummary {
  let online = 0;
  let load = 0;
  let capacity = 0;
  for (const a of agents.filter(worksChats)) {
    if (a.presence === 'online') online += 1;
    if (a.presence === 'offline') continue;
    load += a.load;
    capacity += a.maxChats;
  }
  return { online, load, capacity };
}
