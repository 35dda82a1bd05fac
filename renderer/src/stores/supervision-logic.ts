import type { Activity, SensitiveAlert } from '../../../shared/domain';

/** What the live monitor shows for a conversation whose messages matched sensitive words. */
export interface ConversationAlert {
  /** How many alerts came in for it since the workstation started. */
  count: number;
  /** Every pattern that matched, first seen first. */
  words: string[];
  /** The latest matching message, shortened. */
  excerpt: string;
  senderType: SensitiveAlert['senderType'];
  senderName: string | null;
  at: string;
}

export type AlertMap = Readonly<Record<string, ConversationAlert>>;

/** Adds one `sensitive.alert` to the conversation's flag: counted, its words kept, the latest excerpt shown. */
export function applyAlert(alerts: AlertMap, alert: SensitiveAlert): AlertMap {
  const held = alerts[alert.conversationId];
  const words = [...(held?.words ?? [])];
  for (const word of alert.words) if (!words.includes(word)) words.push(word);
  const newer = !held || alert.at >= held.at;
  const latest = newer
    ? { excerpt: alert.excerpt, senderType: alert.senderType, senderName: alert.senderName, at: alert.at }
    : { excerpt: held.excerpt, senderType: held.senderType, senderName: held.senderName, at: held.at };
  return { ...alerts, [alert.conversationId]: { count: (held?.count ?? 0) + 1, words, ...latest } };
}

/** Who is in each conversation: conversation id → user id → their latest activity. */
export type ActivityMap = Readonly<Record<string, Readonly<Record<string, Activity>>>>;

/**
 * Applies one `activity.changed`: viewing or typing is recorded, idle removes the person. A report
 * older than the one held for that person is ignored, so a late event cannot bring back someone
 * who left. Returns the same map when nothing changed.
 */
export function applyActivity(map: ActivityMap, activity: Activity): ActivityMap {
  const people = map[activity.conversationId] ?? {};
  const held = people[activity.userId];
  if (held && Date.parse(activity.at) < Date.parse(held.at)) return map;
  if (activity.state === 'idle') {
    if (!held) return map;
    const rest = { ...people };
    delete rest[activity.userId];
    const next = { ...map };
    if (Object.keys(rest).length === 0) delete next[activity.conversationId];
    else next[activity.conversationId] = rest;
    return next;
  }
  return { ...map, [activity.conversationId]: { ...people, [activity.userId]: activity } };
}

/** The colleagues in a conversation, this user left out: those typing first, then by name. */
export function activityIn(map: ActivityMap, conversationId: string, me: string | null): Activity[] {
  const people = Object.values(map[conversationId] ?? {}).filter((a) => a.userId !== me);
  return people.sort((a, b) => {
    if (a.state !== b.state) return a.state === 'typing' ? -1 : 1;
    return a.name.localeCompare(b.name) || (a.userId < b.userId ? -1 : 1);
  });
}
