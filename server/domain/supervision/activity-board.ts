import type { Activity, ActivityState, Role } from '../../../shared/domain';

/** Typing not refreshed for this long is stale: the person is taken to be only viewing. */
export const STALE_TYPING_MS = 20_000;

export type ActivityPerson = { id: string; name: string; role: Role };

type Entry = { person: ActivityPerson; state: Exclude<ActivityState, 'idle'>; preview: string | null; at: number };

/** What `set` did: the activity now in force (state idle when it was removed) and whether anything changed. */
export type ActivityChange = { activity: Activity; changed: boolean };

/**
 * Who is viewing or typing in which conversation, in memory on one server node (it lives as long as
 * the sockets that report it). Pure over the times it is given. Activities carry the typing
 * preview; who may see it is the relay's business.
 */
export class ActivityBoard {
  private readonly byConversation = new Map<string, Map<string, Entry>>();

  constructor(private readonly staleTypingMs = STALE_TYPING_MS) {}

  /** Records one person's state in a conversation; `idle` removes them. */
  set(person: ActivityPerson, conversationId: string, state: ActivityState, preview: string | undefined, now: number): ActivityChange {
    const entries = this.byConversation.get(conversationId);
    const before = entries?.get(person.id);
    if (state === 'idle') {
      if (entries && before) {
        entries.delete(person.id);
        if (entries.size === 0) this.byConversation.delete(conversationId);
      }
      return { activity: toActivity(conversationId, { person, state: 'idle', preview: null, at: now }), changed: before !== undefined };
    }
    const entry: Entry = { person, state, preview: state === 'typing' ? (preview ?? '') : null, at: now };
    const changed = !before || before.state !== entry.state || before.preview !== entry.preview;
    // An unchanged "typing" still refreshes the time, so it does not go stale.
    if (changed || state === 'typing') {
      const map = entries ?? new Map<string, Entry>();
      map.set(person.id, entry);
      this.byConversation.set(conversationId, map);
    }
    return { activity: toActivity(conversationId, entry), changed };
  }

  /** One person's activity in a conversation now, or their idle activity when they have none. */
  current(person: ActivityPerson, conversationId: string, now: number): Activity {
    const entry = this.byConversation.get(conversationId)?.get(person.id);
    return toActivity(conversationId, entry ?? { person, state: 'idle', preview: null, at: now });
  }

  /** Everyone active in a conversation, earliest first. */
  list(conversationId: string): Activity[] {
    const entries = [...(this.byConversation.get(conversationId)?.values() ?? [])];
    return entries.sort((a, b) => a.at - b.at).map((e) => toActivity(conversationId, e));
  }

  /** Every conversation a person is active in. */
  ofUser(userId: string): Activity[] {
    const found: Activity[] = [];
    for (const [conversationId, entries] of this.byConversation) {
      const entry = entries.get(userId);
      if (entry) found.push(toActivity(conversationId, entry));
    }
    return found;
  }

  /** Removes a person from every conversation; returns their idle activities to tell others. */
  leave(userId: string, now: number): Activity[] {
    const gone: Activity[] = [];
    for (const [conversationId, entries] of this.byConversation) {
      const entry = entries.get(userId);
      if (!entry) continue;
      entries.delete(userId);
      if (entries.size === 0) this.byConversation.delete(conversationId);
      gone.push(toActivity(conversationId, { ...entry, state: 'idle', preview: null, at: now }));
    }
    return gone;
  }

  /** Typing older than the stale limit becomes viewing; returns those changes to tell others. */
  expireTyping(now: number): Activity[] {
    const changed: Activity[] = [];
    for (const [conversationId, entries] of this.byConversation) {
      for (const [userId, entry] of entries) {
        if (entry.state !== 'typing' || now - entry.at < this.staleTypingMs) continue;
        const viewing: Entry = { ...entry, state: 'viewing', preview: null, at: now };
        entries.set(userId, viewing);
        changed.push(toActivity(conversationId, viewing));
      }
    }
    return changed;
  }
}

type Snapshot = { person: ActivityPerson; state: ActivityState; preview: string | null; at: number };

function toActivity(conversationId: string, entry: Snapshot): Activity {
  return {
    conversationId,
    userId: entry.person.id,
    name: entry.person.name,
    role: entry.person.role,
    state: entry.state,
    preview: entry.state === 'typing' ? entry.preview : null,
    at: new Date(entry.at).toISOString(),
  };
}
