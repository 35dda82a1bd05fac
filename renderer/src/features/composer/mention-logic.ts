import type { InboxConversation } from '../../../../shared/contract';
import type { TeamMember } from '../../../../shared/domain';

/** The "@query" being typed at the caret: where it starts (at the @) and ends, and the text after @. */
export interface MentionQuery {
  start: number;
  end: number;
  query: string;
}

/** Longest text after @ still treated as a name being typed. */
const MAX_QUERY = 32;
/** The most colleagues the picker lists at once. */
export const MAX_MENTION_CHOICES = 8;
/** The most colleagues one note may mention (the contract's limit). */
export const MAX_MENTIONS = 20;

/**
 * The mention being typed just before the caret, or null. An @ right after a Latin letter or digit
 * (an email address) does not start one; after a space, punctuation or a Chinese character it does.
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  const query = before.slice(at + 1);
  if (query.length > MAX_QUERY || /[\s@]/.test(query)) return null;
  const previous = at > 0 ? before[at - 1] : '';
  if (previous && /[A-Za-z0-9._%+-]/.test(previous)) return null;
  return { start: at, end: caret, query };
}

/** Whether a colleague may see the conversation: the server refuses a mention of one who cannot. */
export function canSeeConversation(member: Pick<TeamMember, 'id' | 'role'>, conversation: Pick<InboxConversation, 'assigneeId'>): boolean {
  if (member.role === 'staff') return false;
  if (member.role !== 'agent') return true;
  return conversation.assigneeId === null || conversation.assigneeId === member.id;
}

function rank(name: string, query: string): number {
  const lower = name.toLowerCase();
  if (query === '') return 0;
  if (lower.startsWith(query)) return 0;
  if (lower.split(/\s+/).some((word) => word.startsWith(query))) return 1;
  if (lower.includes(query)) return 2;
  return -1;
}

/**
 * Colleagues the @ picker offers for `query`: agents and supervisors who can see the conversation,
 * never the user; names starting with the query first, then a later word starting with it, then
 * containing it; by name within each. At most MAX_MENTION_CHOICES.
 */
export function mentionChoices(
  agents: readonly TeamMember[],
  query: string,
  me: string | null,
  conversation: Pick<InboxConversation, 'assigneeId'>,
): TeamMember[] {
  const q = query.trim().toLowerCase();
  return bestMatches(
    agents.filter((a) => a.id !== me && a.role !== 'admin' && canSeeConversation(a, conversation)),
    q,
  );
}

/**
 * Colleagues the @ picker of a ticket comment offers: everyone but the user (department staff
 * too: tickets are where they work), ranked as for notes. Who may see the ticket is the server's call.
 */
export function ticketMentionChoices(members: readonly TeamMember[], query: string, me: string | null): TeamMember[] {
  return bestMatches(members.filter((m) => m.id !== me), query.trim().toLowerCase());
}

function bestMatches(members: readonly TeamMember[], q: string): TeamMember[] {
  return members
    .map((member) => ({ member, rank: rank(member.name, q) }))
    .filter((c) => c.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.member.name.localeCompare(b.member.name))
    .slice(0, MAX_MENTION_CHOICES)
    .map((c) => c.member);
}

/** Replaces the "@query" with "@Name " and says where the caret goes (after the space). */
export function insertMention(text: string, query: MentionQuery, name: string): { text: string; caret: number } {
  const after = text.slice(query.end);
  const inserted = `@${name}${after.startsWith(' ') ? '' : ' '}`;
  const caret = query.start + inserted.length + (after.startsWith(' ') ? 1 : 0);
  return { text: text.slice(0, query.start) + inserted + after, caret };
}

/** The picked colleagues still mentioned in the text (their @Name was not deleted), at most MAX_MENTIONS. */
export function mentionedIds(text: string, picked: Readonly<Record<string, string>>): string[] {
  return Object.entries(picked)
    .filter(([, name]) => text.includes(`@${name}`))
    .map(([id]) => id)
    .slice(0, MAX_MENTIONS);
}

/** The next highlighted row after an arrow key, wrapping around; -1 when the list is empty. */
export function moveChoice(index: number, delta: 1 | -1, count: number): number {
  if (count <= 0) return -1;
  return (((index + delta) % count) + count) % count;
}

/** A note's text cut into plain parts and @Name mentions of the given names (longest names first). */
export function splitMentions(body: string, names: readonly string[]): { text: string; mention: boolean }[] {
  const usable = [...new Set(names.filter((n) => n.trim() !== ''))].sort((a, b) => b.length - a.length);
  if (usable.length === 0) return [{ text: body, mention: false }];
  const pattern = new RegExp(`@(?:${usable.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'g');
  const parts: { text: string; mention: boolean }[] = [];
  let last = 0;
  for (const match of body.matchAll(pattern)) {
    if (match.index > last) parts.push({ text: body.slice(last, match.index), mention: false });
    parts.push({ text: match[0], mention: true });
    last = match.index + match[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last), mention: false });
  return parts.length > 0 ? parts : [{ text: body, mention: false }];
}
