import type { ConversationView } from './conversation-repository';
import type { MessageView } from './message-repository';

/** The outcome of storing a message: what to ack and what to push. */
export type MessageChange = {
  message: MessageView;
  conversation: ConversationView;
  /** The assignee before the change; undefined when the conversation was created by it. */
  previousAssigneeId: string | null | undefined;
  /** False when the client id was already stored: ack again, push nothing. */
  created: boolean;
};

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
