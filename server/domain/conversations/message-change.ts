import type { SensitiveAlert } from '../../../shared/domain';
import type { ConversationView } from './conversation-repository';
import type { MessageView } from './message-repository';

/** A stored change to one conversation, optionally with the message that caused it: what to ack and what to push. */
export type ConversationChange = {
  conversation: ConversationView;
  message?: MessageView;
  /** Further messages stored by the same change (a notice to the customer, an internal note), after `message`. */
  moreMessages?: MessageView[];
  /** The assignee before the change; undefined when the conversation was created by it. */
  previousAssigneeId: string | null | undefined;
  /** False when nothing was written (a client id already stored, an already resolved conversation): ack, push nothing. */
  created: boolean;
  /** The stored message matched sensitive words: supervisors and admins are told. */
  alert?: SensitiveAlert;
};

/** The outcome of storing a message. */
export type MessageChange = ConversationChange & { message: MessageView };

const PREVIEW_LENGTH = 140;

/** The one-line preview shown in conversation lists. */
export function previewOf(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > PREVIEW_LENGTH ? `${line.slice(0, PREVIEW_LENGTH - 1)}…` : line;
}

/** True for the unique violation raised when two sends race with the same client id. */
export function isClientIdConflict(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown };
  return e.code === '23505' && String(e.constraint ?? e.message ?? '').includes('client_id');
}
