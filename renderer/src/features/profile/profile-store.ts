import { create } from 'zustand';
import type { ContactNote, CustomerProfile, PiiReveal } from '../../../../shared/contact-profile';
import { conversationSchema, type Contact, type Conversation } from '../../../../shared/domain';
import type { AppErrorShape } from '../../../../shared/errors';

export type ProfileEntry = {
  status: 'loading' | 'ready' | 'failed';
  profile: CustomerProfile | null;
  /** Shown from the desktop's cache (offline): as it was at `savedAt`. */
  stale: boolean;
  savedAt: string | null;
  error: AppErrorShape | null;
};

interface ProfileData {
  byContact: Record<string, ProfileEntry>;
  /** Values the agent revealed, for one conversation only: gone when they leave it. Never persisted. */
  reveals: { conversationId: string; items: PiiReveal[] } | null;
}

interface ProfileStore extends ProfileData {
  setLoading(contactId: string): void;
  setLoaded(contactId: string, loaded: { profile: CustomerProfile; stale: boolean; savedAt: string }): void;
  setFailed(contactId: string, error: AppErrorShape): void;
  /** A changed contact (tags, name) shows in its profile at once. */
  updateContact(contact: Contact): void;
  /** Conversations that changed (resolved, taken over, transferred) show their new state in every profile listing them. */
  updateConversations(conversations: readonly Conversation[]): void;
  addNote(contactId: string, note: ContactNote): void;
  addReveal(reveal: PiiReveal): void;
  /** The agent left the conversation: what they revealed is hidden again. */
  clearReveals(exceptConversationId?: string | null): void;
  reset(): void;
}

const empty: ProfileData = { byContact: {}, reveals: null };

/** Customer profiles beside the thread, by contact id (the requested id; a merged one shows the kept contact). */
export const useProfileStore = create<ProfileStore>((set) => ({
  ...empty,
  setLoading: (contactId) =>
    set((s) => {
      const entry = s.byContact[contactId];
      // A profile on screen stays while it is read again.
      const next: ProfileEntry = entry?.profile ? { ...entry, status: 'loading', error: null } : { status: 'loading', profile: null, stale: false, savedAt: null, error: null };
      return { byContact: { ...s.byContact, [contactId]: next } };
    }),
  setLoaded: (contactId, { profile, stale, savedAt }) =>
    set((s) => ({ byContact: { ...s.byContact, [contactId]: { status: 'ready', profile, stale, savedAt, error: null } } })),
  setFailed: (contactId, error) =>
    set((s) => {
      const entry = s.byContact[contactId];
      return { byContact: { ...s.byContact, [contactId]: { status: 'failed', profile: entry?.profile ?? null, stale: entry?.stale ?? false, savedAt: entry?.savedAt ?? null, error } } };
    }),
  updateContact: (contact) =>
    set((s) => {
      let changed = false;
      const byContact = { ...s.byContact };
      for (const [id, entry] of Object.entries(s.byContact)) {
        if (entry.profile?.contact.id !== contact.id) continue;
        byContact[id] = { ...entry, profile: { ...entry.profile, contact } };
        changed = true;
      }
      return changed ? { byContact } : s;
    }),
  updateConversations: (conversations) =>
    set((s) => {
      const changed = new Map(conversations.map((c) => [c.id, c]));
      let byContact: Record<string, ProfileEntry> | null = null;
      for (const [id, entry] of Object.entries(s.byContact)) {
        const listed = entry.profile?.conversations;
        if (!entry.profile || !listed?.some((c) => changed.has(c.id))) continue;
        const next = listed.map((c) => {
          const fresh = changed.get(c.id);
          if (!fresh || fresh.seq < c.seq) return c;
          // What the viewer may not read stays hidden: only the state moves on.
          const shown = c.readable ? fresh : { ...fresh, lastMessagePreview: '', summary: null };
          return { ...pickConversation(shown), readable: c.readable };
        });
        byContact ??= { ...s.byContact };
        byContact[id] = { ...entry, profile: { ...entry.profile, conversations: next } };
      }
      return byContact ? { byContact } : s;
    }),
  addNote: (contactId, note) =>
    set((s) => {
      const entry = s.byContact[contactId];
      if (!entry?.profile || entry.profile.notes.some((n) => n.id === note.id)) return s;
      return { byContact: { ...s.byContact, [contactId]: { ...entry, profile: { ...entry.profile, notes: [note, ...entry.profile.notes] } } } };
    }),
  addReveal: (reveal) =>
    set((s) => {
      const items = s.reveals?.conversationId === reveal.conversationId ? s.reveals.items.filter((r) => r.field !== reveal.field || r.contactId !== reveal.contactId) : [];
      return { reveals: { conversationId: reveal.conversationId, items: [...items, reveal] } };
    }),
  clearReveals: (exceptConversationId = null) =>
    set((s) => (s.reveals && s.reveals.conversationId !== exceptConversationId ? { reveals: null } : s)),
  reset: () => set(empty),
}));

/** The conversation fields a profile keeps (an inbox conversation carries more: access, unread, labels). */
function pickConversation(c: Conversation): Conversation {
  const parsed = conversationSchema.safeParse(c);
  return parsed.success ? parsed.data : c;
}
