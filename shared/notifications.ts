import { z } from 'zod';
import { idSchema } from './domain';
import { feedEventSchema, feedTarget, slaFeedKey } from './notification-feed';
import { slaTargetKindSchema } from './ticket-sla';

/**
 * Desktop notifications and the unread badge as the client core, the shells and the UI share
 * them. The client core decides what deserves a notification; whoever hosts the UI shows it (the
 * Electron shell as an OS notification, the browser as a web notification).
 */

/** What one agent wants to be told about; kept per agent on this machine. */
export const notificationPreferencesSchema = z.object({
  /** A conversation arrives that waits for a person, is offered to or handed to this agent. */
  newConversations: z.boolean(),
  /** A customer writes in one of this agent's conversations. */
  newMessages: z.boolean(),
  /** Notifications make the system's sound. */
  sound: z.boolean(),
  /** A ticket of this user's (theirs, or their department's as its lead) nears or misses an SLA target. */
  ticketSla: z.boolean().default(true),
  /** A colleague mentions this user, whispers on or takes over one of their conversations. */
  mentions: z.boolean().default(true),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

export const defaultNotificationPreferences: NotificationPreferences = {
  newConversations: true,
  newMessages: true,
  sound: true,
  ticketSla: true,
  mentions: true,
};

/** A conversation's notification. `title` and `body` are the customer's name and words (no UI text). */
export const conversationNotificationSchema = z.object({
  kind: z.enum(['conversation', 'message']),
  conversationId: idSchema,
  title: z.string(),
  body: z.string(),
  /** True when the agent turned the sound off. */
  silent: z.boolean(),
});

/**
 * A ticket nearing or past an SLA target. The words are the shell's to write, in the user's
 * language (notification-text.ts); the ticket's subject is its title.
 */
export const ticketNotificationSchema = z.object({
  kind: z.literal('ticket'),
  ticketId: idSchema,
  number: z.number().int().positive(),
  title: z.string(),
  sla: z.object({ kind: z.enum(['warning', 'breach']), target: slaTargetKindSchema, dueAt: z.string() }),
  silent: z.boolean(),
});

/** An entry of the notification centre (a mention, whisper or takeover); the words are the shell's to write. */
export const feedNotificationSchema = z.object({
  kind: z.literal('feed'),
  entryId: z.string(),
  event: feedEventSchema,
  silent: z.boolean(),
});

/** One notification to show. */
export const notificationSchema = z.union([conversationNotificationSchema, ticketNotificationSchema, feedNotificationSchema]);
export type DesktopNotification = z.infer<typeof notificationSchema>;
export type ConversationNotification = z.infer<typeof conversationNotificationSchema>;
export type TicketNotification = z.infer<typeof ticketNotificationSchema>;
export type FeedNotification = z.infer<typeof feedNotificationSchema>;

/** What a click on a notification opens. */
export const notificationTargetSchema = z.union([z.object({ conversationId: idSchema }).strict(), z.object({ ticketId: idSchema }).strict()]);
export type NotificationTarget = z.infer<typeof notificationTargetSchema>;

export function notificationTarget(n: DesktopNotification): NotificationTarget {
  if (n.kind === 'feed') return feedTarget(n.event);
  return n.kind === 'ticket' ? { ticketId: n.ticketId } : { conversationId: n.conversationId };
}

/**
 * The notification centre's entry a notification told of, read once the notification is opened:
 * a mention, whisper or takeover's own entry, a ticket's SLA notice's. Null for a customer's message.
 */
export function feedEntryIdOf(n: DesktopNotification): string | null {
  if (n.kind === 'feed') return n.entryId;
  return n.kind === 'ticket' ? slaFeedKey({ ticketId: n.ticketId, ...n.sla }) : null;
}

/** Longest notification body, in characters: platforms cut longer ones anyway. */
export const NOTIFICATION_BODY_LIMIT = 180;

/** The text of a notification body: one line, cut at the limit with an ellipsis. */
export function notificationBody(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= NOTIFICATION_BODY_LIMIT ? line : `${chars.slice(0, NOTIFICATION_BODY_LIMIT - 1).join('')}…`;
}

/** The window title with the unread count in front: "(3) Switchboard". */
export function titleWithBadge(base: string, count: number): string {
  return count > 0 ? `(${count > 999 ? '999+' : count}) ${base}` : base;
}
