import type { InboxConversation } from '../../../../shared/contract';
import type { Contact, KbArticle, Template } from '../../../../shared/domain';
import type { ActionId } from '../shortcuts/shortcut-table';

/** One result of the command palette; `key` is unique across all groups. */
export type PaletteItem =
  | { kind: 'chat'; key: string; title: string; detail: string; conversationId: string }
  | { kind: 'customer'; key: string; title: string; detail: string; conversationId: string }
  | { kind: 'article'; key: string; title: string; detail: string; article: KbArticle }
  | { kind: 'quickReply'; key: string; title: string; detail: string; template: Template }
  | { kind: 'action'; key: string; title: string; detail: string; action: ActionId; keys: readonly string[] };

export type PaletteGroupKind = 'chats' | 'customers' | 'articles' | 'quickReplies' | 'actions';
export interface PaletteGroup {
  kind: PaletteGroupKind;
  items: PaletteItem[];
}

export interface PaletteSources {
  query: string;
  /** The inbox's conversations in the list's order. */
  conversations: readonly InboxConversation[];
  contacts: readonly Contact[];
  /** Articles found for `query` (the knowledge search's answer). */
  articles: readonly KbArticle[];
  /** Quick replies matching `query`, best first (template-match.ts). */
  quickReplies: readonly Template[];
  /** The shortcut table's actions with their labels in the UI language. */
  actions: readonly { id: ActionId; label: string; keys: readonly string[] }[];
  /** A chat's customer as the reader sees the name (a made-up visitor name in their language); as stored when omitted. */
  nameOf?: (conversation: InboxConversation) => string;
}

/** How many results a group shows at most (actions: all that match). */
export const GROUP_LIMIT = 5;

function words(query: string): string[] {
  return query.toLocaleLowerCase().trim().split(/\s+/u).filter(Boolean);
}

/** Every word of the query appears somewhere in the text (any case). */
export function matchesWords(query: string, ...texts: readonly (string | null | undefined)[]): boolean {
  const hay = texts.filter(Boolean).join(' ').toLocaleLowerCase();
  return words(query).every((w) => hay.includes(w));
}

/**
 * The palette's results in their groups: chats by customer name or last message, customers by
 * name, email or phone (opening their latest chat), articles, quick replies, and the actions of
 * the shortcut table. With nothing typed: the first chats and every action. Empty groups are left out.
 */
export function paletteGroups(sources: PaletteSources): PaletteGroup[] {
  const { query } = sources;
  const typed = words(query).length > 0;

  const nameOf = sources.nameOf ?? ((c: InboxConversation) => c.contactName);
  const chats: PaletteItem[] = sources.conversations
    .filter((c) => !typed || matchesWords(query, nameOf(c), c.contactName, c.lastMessagePreview))
    .slice(0, GROUP_LIMIT)
    .map((c) => ({ kind: 'chat', key: `chat:${c.id}`, title: nameOf(c), detail: c.lastMessagePreview, conversationId: c.id }));

  const latestByContact = new Map<string, InboxConversation>();
  for (const c of sources.conversations) if (!latestByContact.has(c.contactId)) latestByContact.set(c.contactId, c);
  const contactsById = new Map(sources.contacts.map((c) => [c.id, c]));
  const customers: PaletteItem[] = typed
    ? [...latestByContact.values()]
        .filter((c) => {
          const contact = contactsById.get(c.contactId);
          return matchesWords(query, contact?.name ?? nameOf(c), c.contactName, contact?.email, contact?.phone);
        })
        .slice(0, GROUP_LIMIT)
        .map((c) => {
          const contact = contactsById.get(c.contactId);
          return {
            kind: 'customer',
            key: `customer:${c.contactId}`,
            title: contact?.name ?? nameOf(c),
            detail: [contact?.email, contact?.phone].filter(Boolean).join(' · '),
            conversationId: c.id,
          };
        })
    : [];

  const articles: PaletteItem[] = typed
    ? sources.articles.slice(0, GROUP_LIMIT).map((a) => ({ kind: 'article', key: `article:${a.id}`, title: a.title, detail: a.category, article: a }))
    : [];
  const quickReplies: PaletteItem[] = typed
    ? sources.quickReplies.slice(0, GROUP_LIMIT).map((t) => ({ kind: 'quickReply', key: `quick:${t.id}`, title: t.title || t.shortcut, detail: `${t.shortcut} · ${t.body}`, template: t }))
    : [];
  const actions: PaletteItem[] = sources.actions
    .filter((a) => !typed || matchesWords(query, a.label))
    .map((a) => ({ kind: 'action', key: `action:${a.id}`, title: a.label, detail: '', action: a.id, keys: a.keys }));

  const groups: PaletteGroup[] = [
    { kind: 'chats', items: chats },
    { kind: 'customers', items: customers },
    { kind: 'articles', items: articles },
    { kind: 'quickReplies', items: quickReplies },
    { kind: 'actions', items: actions },
  ];
  return groups.filter((g) => g.items.length > 0);
}

/** The option the arrow keys move to, going round at either end; -1 when there is none. */
export function movePaletteActive(active: number, count: number, key: string): number {
  if (count === 0) return -1;
  if (key === 'ArrowDown') return (active + 1) % count;
  if (key === 'ArrowUp') return (active - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return active;
}
