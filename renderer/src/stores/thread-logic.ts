import type { ThreadMessage } from '../../../shared/contract';

/** Messages the server has not confirmed yet (queued, sending, failed) sit after the confirmed ones. */
export function isUnconfirmed(message: ThreadMessage): boolean {
  return message.delivery !== 'sent';
}

/**
 * Pending replies keep the order they were written in. Their clientIds are UUIDv7, whose text
 * sorts by creation time, so they are compared first; createdAt and id break what is left.
 */
function comparePending(a: ThreadMessage, b: ThreadMessage): number {
  if (a.clientId !== null && b.clientId !== null) {
    const ca = a.clientId.toLowerCase();
    const cb = b.clientId.toLowerCase();
    if (ca !== cb) return ca < cb ? -1 : 1;
  }
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function compareMessages(a: ThreadMessage, b: ThreadMessage): number {
  const pa = isUnconfirmed(a);
  const pb = isUnconfirmed(b);
  if (pa !== pb) return pa ? 1 : -1;
  if (pa) return comparePending(a, b);
  if (a.seq !== b.seq) return a.seq - b.seq;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Thread order: confirmed messages by seq, then the ones not confirmed yet (queued, sending or
 * failed) in the order they were written. Returns a new array.
 */
export function orderMessages(messages: readonly ThreadMessage[]): ThreadMessage[] {
  return [...messages].sort(compareMessages);
}

function sameMessage(a: ThreadMessage, b: ThreadMessage): boolean {
  return a.id === b.id || (a.clientId !== null && a.clientId === b.clientId);
}

/** ClientIds of replies that left the thread unsent (discarded, or moved back to the composer). */
export type RemovedClientIds = Readonly<Record<string, true>>;

/**
 * Merges one message into a thread: it replaces the message with the same id, or the optimistic
 * copy with the same clientId, or is added. The result is ordered.
 */
export function mergeMessage(
  messages: readonly ThreadMessage[],
  incoming: ThreadMessage,
  removed: RemovedClientIds = {},
): ThreadMessage[] {
  return mergeMessages(messages, [incoming], removed);
}

/**
 * Merges several messages (a loaded page, a burst of events) into a thread. The incoming version
 * wins, except that a confirmed ('sent') version is never replaced by an unconfirmed one: a late
 * answer to `outbox.send` must not undo the server's ack. An unconfirmed copy of a reply that was
 * already removed (a late echo after discard or edit) is ignored; a stored one is always shown.
 */
export function mergeMessages(
  messages: readonly ThreadMessage[],
  incoming: readonly ThreadMessage[],
  removed: RemovedClientIds = {},
): ThreadMessage[] {
  let result = [...messages];
  for (const next of incoming) {
    if (isUnconfirmed(next) && next.clientId !== null && removed[next.clientId]) continue;
    const matches = result.filter((m) => sameMessage(m, next));
    let winner = next;
    for (const m of matches) {
      if (m.delivery === 'sent' && winner.delivery !== 'sent') winner = m;
    }
    winner = withLatestChannelDelivery(winner, matches);
    // An optimistic copy and its stored twin collapse into one entry.
    if (matches.length > 0) result = result.filter((m) => !matches.includes(m));
    result.push(winner);
  }
  return orderMessages(result);
}

/**
 * A reply's platform delivery only moves on: a copy heard later but older (the ack of a send,
 * a sync page) keeps the newer state the thread already shows (pushes arrive in any order).
 */
function withLatestChannelDelivery(winner: ThreadMessage, others: readonly ThreadMessage[]): ThreadMessage {
  let latest = winner.channelDelivery ?? null;
  for (const m of others) {
    if (m.channelDelivery && (latest === null || m.channelDelivery.updatedAt > latest.updatedAt)) latest = m.channelDelivery;
  }
  return latest === (winner.channelDelivery ?? null) ? winner : { ...winner, channelDelivery: latest };
}

/**
 * Drops the pending reply with this clientId (`message.removed`). A message the server already
 * stored is never dropped this way. Returns the same array when nothing matched.
 */
export function removeMessage(messages: readonly ThreadMessage[], clientId: string): readonly ThreadMessage[] {
  const next = messages.filter((m) => !(m.clientId === clientId && isUnconfirmed(m)));
  return next.length === messages.length ? messages : next;
}
