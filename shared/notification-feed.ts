import { z } from 'zod';
import { idSchema, mentionNoticeSchema, takenNoticeSchema } from './domain';
import { ticketMentionNoticeSchema } from './tickets-admin';
import { ticketSlaNoticeSchema } from './ticket-sla';

/**
 * The notification centre behind the header's bell: what happened to this user (mentions,
 * whispers, offers, takeovers, SLA warnings), newest first, each read or not. The client core
 * keeps it in the local cache, so it outlives a restart; the words are the UI's to write.
 */

/** What one entry is about (names and excerpts as they came; no UI text). */
export const feedEventSchema = z.discriminatedUnion('kind', [
  /** A colleague mentioned this user in an internal note. */
  mentionNoticeSchema.extend({ kind: z.literal('mention') }),
  /** Someone mentioned this user in an internal comment of a ticket. */
  ticketMentionNoticeSchema.extend({ kind: z.literal('ticketMention') }),
  /** A colleague (a supervisor, mostly) wrote an internal note on one of this user's conversations. */
  z.object({
    kind: z.literal('whisper'),
    conversationId: idSchema,
    messageId: idSchema,
    byName: z.string(),
    contactName: z.string(),
    excerpt: z.string(),
  }),
  /** A conversation was offered to this user. */
  z.object({ kind: z.literal('offer'), conversationId: idSchema, contactName: z.string(), excerpt: z.string() }),
  /** A supervisor took over one of this user's conversations. */
  takenNoticeSchema.extend({ kind: z.literal('taken'), contactName: z.string().nullable() }),
  /** A ticket of this user's nears or missed an SLA target. */
  z.object({ kind: z.literal('ticketSla'), sla: ticketSlaNoticeSchema }),
]);
export type FeedEvent = z.infer<typeof feedEventSchema>;
export type FeedKind = FeedEvent['kind'];

export const feedEntrySchema = z.object({
  /** Stable per thing that happened (feedKey): the same mention pushed twice is one entry. */
  id: z.string().min(1).max(200),
  /** When this client heard of it (ISO). */
  at: z.string(),
  read: z.boolean(),
  event: feedEventSchema,
});
export type FeedEntry = z.infer<typeof feedEntrySchema>;

/** The notification centre as the UI shows it: the newest entries and how many are unread. */
export const feedSchema = z.object({ entries: z.array(feedEntrySchema), unread: z.number().int().nonnegative() });
export type Feed = z.infer<typeof feedSchema>;

/** Marks some entries read, or all of them. */
export const feedMarkReadSchema = z.union([
  z.object({ ids: z.array(z.string().min(1).max(200)).min(1).max(200) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

/** The most entries kept; older ones are forgotten. */
export const FEED_LIMIT = 100;

/**
 * The key of what happened: a note is one entry whether it came as a whisper or a mention (the
 * mention wins), an offer one per offer, a takeover one per conversation and time, an SLA notice
 * one per ticket target and kind.
 */
export function feedKey(event: FeedEvent, at: string): string {
  switch (event.kind) {
    case 'mention':
    case 'whisper':
      return `note:${event.messageId}`;
    case 'ticketMention':
      return `ticketNote:${event.eventId}`;
    case 'offer':
      return `offer:${event.conversationId}:${at}`;
    case 'taken':
      return `taken:${event.conversationId}:${at}`;
    case 'ticketSla':
      return slaFeedKey(event.sla);
  }
}

/** The key of one ticket's SLA notice: one entry per ticket, target and kind (warning or breach). */
export function slaFeedKey(sla: { ticketId: string; target: string; kind: string }): string {
  return `sla:${sla.ticketId}:${sla.target}:${sla.kind}`;
}

/** What a click on an entry opens. */
export function feedTarget(event: FeedEvent): { conversationId: string } | { ticketId: string } {
  switch (event.kind) {
    case 'ticketMention':
      return { ticketId: event.ticketId };
    case 'ticketSla':
      return { ticketId: event.sla.ticketId };
    default:
      return { conversationId: event.conversationId };
  }
}
