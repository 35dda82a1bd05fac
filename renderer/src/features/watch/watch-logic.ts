import type { InboxConversation, MethodArgs, ThreadMessage } from '../../../../shared/contract';
import type { Role, TeamMember } from '../../../../shared/domain';
import { agentChoices, type AgentChoice } from '../transfer/transfer-logic';

/** Supervisors and admins can read every conversation and step into it. */
export function isStaff(role: Role | null | undefined): boolean {
  return role === 'supervisor' || role === 'admin';
}

/**
 * How the composer area shows a conversation:
 * - `watch`: a supervisor or admin reads a colleague's open conversation they have not joined; a
 *   watch bar replaces the reply box (whisper, join, take over, assign);
 * - `joined`: they joined it beside the agent and reply to the customer with the normal composer;
 * - `none`: the normal composer (their own, unassigned, resolved or no longer theirs).
 */
export type WatchMode = 'none' | 'watch' | 'joined';

export function watchMode(
  conversation: Pick<InboxConversation, 'assigneeId' | 'status' | 'access'>,
  me: string | null,
  role: Role | null | undefined,
  joined: boolean,
): WatchMode {
  if (!isStaff(role) || me === null) return 'none';
  if (conversation.status !== 'open' || conversation.access !== 'full') return 'none';
  if (conversation.assigneeId === null || conversation.assigneeId === me) return 'none';
  return joined ? 'joined' : 'watch';
}

/** The server's words for the thread line a join leaves ("陈琳 joined"); mirrors its joinedNote. */
export const joinedLine = (name: string) => `${name} joined`;

/**
 * Whether this user joined the conversation: they did so from this workstation, or the thread
 * holds the line the server wrote when they joined (from another session, before a restart).
 */
export function hasJoined(
  conversationId: string,
  joinedIds: Readonly<Record<string, true>>,
  messages: readonly Pick<ThreadMessage, 'senderType' | 'internal' | 'body'>[],
  myName: string | null,
): boolean {
  if (joinedIds[conversationId]) return true;
  if (!myName) return false;
  const line = joinedLine(myName);
  return messages.some((m) => m.senderType === 'system' && m.internal && m.body === line);
}

/** Who takes the conversation: the supervisor themselves, or a colleague. */
export type TakeoverTarget = { kind: 'me' } | { kind: 'agent'; userId: string };

/** Longest reason the server accepts. */
export const MAX_TAKEOVER_REASON = 500;

/**
 * Colleagues a conversation can be given to: agents and supervisors (admins do not take chats),
 * without the user and the agent who has it now; the available and least loaded first, offline
 * ones last and not selectable (as in the transfer dialog).
 */
export function takeoverChoices(
  agents: readonly TeamMember[],
  me: string | null,
  assigneeId: string | null,
): AgentChoice[] {
  return agentChoices(
    agents.filter((a) => a.role !== 'admin' && a.id !== assigneeId),
    me,
  );
}

/** Whether the chosen target can take it: the user, or a listed colleague who is not offline. */
export function canTakeOverTo(target: TakeoverTarget | null, choices: readonly AgentChoice[]): boolean {
  if (!target) return false;
  if (target.kind === 'me') return true;
  return choices.some((c) => c.member.id === target.userId && c.selectable);
}

/** The `conversations.takeover` arguments: no `toUserId` for the user, a blank reason left out. */
export function takeoverArgs(
  conversationId: string,
  target: TakeoverTarget,
  reason: string,
): MethodArgs<'conversations.takeover'> {
  const args: MethodArgs<'conversations.takeover'> = { conversationId };
  if (target.kind === 'agent') args.toUserId = target.userId;
  const trimmed = reason.trim();
  if (trimmed !== '') args.reason = trimmed;
  return args;
}
