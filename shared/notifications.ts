import { z } from 'zod';
import { idSchema } from './domain';

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
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

export const defaultNotificationPreferences: NotificationPreferences = {
  newConversations: true,
  newMessages: true,
  sound: true,
};

/** One notification to show. `title` and `body` are the customer's name and words (no UI text). */
export const notificationSchema = z.object({
  kind: z.enum(['conversation', 'message']),
  conversationId: idSchema,
  title: z.string(),
  body: z.string(),
  /** True when the agent turned the sound off. */
  silent: z.boolean(),
});
export type DesktopNotification = z.infer<typeof notificationSchema>;

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
