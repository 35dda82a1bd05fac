import type { ThreadMessage } from '../../../shared/contract';

/** Messages the server has not confirmed yet sit after the confirmed ones. */
function isUnconfirmed(message: ThreadMessage): boolean {
  return message.delivery !== 'sent';
}

function compareMessages(a: ThreadMessage, b: ThreadMessage): number {
  const pa = isUnconfirmed(a);
  const pb = isUnconfirmed(b);
  if (pa !== pb) return pa ? 1 : -1;
  if (!pa && a.seq !== b.seq) return a.seq - b.seq;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Thread order: confirmed messages by seq, then the ones still sending (or failed) in the order
 * they were written. Returns a new array.
 */
export function orderMessages(messages: readonly ThreadMessage[]): ThreadMessage[] {
  return [...messages].sort(compareMessages);
}

function sameMessage(a: ThreadMessage, b: ThreadMessage): boolean {
  return a.id === b.id || (a.clientId !== null && a.clientId === b.clientId);
}

/**
 * Merges one message into a thread: it replaces the message with the same id, or the optimistic
 * copy with the same clientId, or is added. The result is ordered.
 */
export function mergeMessage(messages: readonly ThreadMessage[], incoming: ThreadMessage): ThreadMessage[] {
  return mergeMessages(messages, [incoming]);
}

/**
 * Merges several messages (a loaded page, a burst of events) into a thread. The incoming version
 * wins, except that a confirmed ('sent') version is never replaced by an unconfirmed one: a late
 * answer to `outbox.send` must not undo the server's ack.
 */
export function mergeMessages(
  messages: readonly ThreadMessage[],
  incoming: readonly ThreadMessage[],
): ThreadMessage[] {
  let result = [...messages];
  for (const next of incoming) {
    const matches = result.filter((m) => sameMessage(m, next));
    let winner = next;
    for (const m of matches) {
      if (m.delivery === 'sent' && winner.delivery !== 'sent') winner = m;
    }
    // An optimistic copy and its stored twin collapse into one entry.
    if (matches.length > 0) result = result.filter((m) => !matches.includes(m));
    result.push(winner);
  }
  return orderMessages(result);
}
