import type { InboxConversation, MethodArgs } from '../../../../shared/contract';
import type { Presence, Role, SkillGroup, TeamMember } from '../../../../shared/domain';
import { canActOn, isOfferToMe } from '../../stores/inbox-logic';
import { worksChats } from '../../stores/team-logic';

/** Where a conversation can be handed: a colleague or a skill group. */
export type TransferTarget = MethodArgs<'conversations.transfer'>['to'];

export interface AgentChoice {
  member: TeamMember;
  /** Offline colleagues cannot take a chat. */
  selectable: boolean;
  /** They already carry as many chats as they may. */
  full: boolean;
}

const presenceRank: Record<Presence, number> = { online: 0, busy: 1, away: 2, offline: 3 };

/**
 * Colleagues to hand a chat to, without the agent themselves (and never department staff): the available first (online, then
 * busy, then away; the least loaded first), offline ones last and not selectable.
 */
export function agentChoices(agents: readonly TeamMember[], me: string | null): AgentChoice[] {
  return agents
    .filter((a) => a.id !== me && worksChats(a))
    .map((member) => ({ member, selectable: member.presence !== 'offline', full: member.load >= member.maxChats }))
    .sort((a, b) => {
      const byPresence = presenceRank[a.member.presence] - presenceRank[b.member.presence];
      if (byPresence !== 0) return byPresence;
      const byLoad = a.member.load / a.member.maxChats - b.member.load / b.member.maxChats;
      if (byLoad !== 0) return byLoad;
      return a.member.name.localeCompare(b.member.name);
    });
}

/** Skill groups, the open ones (inside business hours) first, then by name. */
export function groupChoices(groups: readonly SkillGroup[]): SkillGroup[] {
  return [...groups].sort((a, b) => (a.open !== b.open ? (a.open ? -1 : 1) : a.name.localeCompare(b.name)));
}

/** A form value naming a target ("agent:u2", "group:g1"). */
export function targetKey(target: TransferTarget): string {
  return target.kind === 'agent' ? `agent:${target.userId}` : `group:${target.groupId}`;
}

export function parseTargetKey(key: string): TransferTarget | null {
  const at = key.indexOf(':');
  if (at < 0) return null;
  const kind = key.slice(0, at);
  const id = key.slice(at + 1);
  if (id === '') return null;
  if (kind === 'agent') return { kind: 'agent', userId: id };
  if (kind === 'group') return { kind: 'group', groupId: id };
  return null;
}

/** Whether the chosen target can take the chat now: a colleague who is not offline, or a known group. */
export function canTransferTo(
  target: TransferTarget | null,
  team: { agents: readonly TeamMember[]; groups: readonly SkillGroup[] },
  me: string | null,
): boolean {
  if (!target) return false;
  if (target.kind === 'group') return team.groups.some((g) => g.id === target.groupId);
  return target.userId !== me && team.agents.some((a) => a.id === target.userId && a.presence !== 'offline');
}

/** The `conversations.transfer` arguments; the note is trimmed (an empty note is allowed). */
export function transferArgs(
  conversationId: string,
  target: TransferTarget,
  note: string,
): MethodArgs<'conversations.transfer'> {
  return { conversationId, to: target, note: note.trim() };
}

/** Longest note the server accepts. */
export const MAX_TRANSFER_NOTE = 1000;

/**
 * Whether the agent may hand this conversation on: an open one still theirs that they have
 * taken (an offer is accepted or declined, not transferred); supervisors and admins any open one.
 */
export function canTransfer(conversation: InboxConversation, me: string | null, role: Role | null): boolean {
  if (!canActOn(conversation) || isOfferToMe(conversation, me)) return false;
  if (role === 'supervisor' || role === 'admin') return true;
  return me !== null && conversation.assigneeId === me;
}
