/**
 * Indexes for the routing run's looks at the queue, so each reads only what it may act on however
 * many customers wait: offers that ran out, conversations waiting for business hours, waits due
 * to be escalated (those already escalated leave the index), and waiting customers not yet kept
 * as left messages. Before, each walked the whole queue of the account. And the waiting customers
 * in routing order per group (queue-status.ts's positions), so a newcomer's place is counted from
 * the index and whether anyone waits behind them is one index probe.
 */
export const name = 'routing-scan-indexes';

export const sql = /* sql */ `
CREATE INDEX conversations_offer_expiry_idx ON conversations (account_id, offer_expires_at)
  WHERE status = 'open' AND routing_state = 'offered';
CREATE INDEX conversations_pending_idx ON conversations (account_id)
  WHERE status = 'open' AND routing_state = 'pending';
CREATE INDEX conversations_escalation_due_idx ON conversations (account_id, (COALESCE(waiting_since, created_at)))
  WHERE status = 'open' AND routing_state IN ('queued', 'offered') AND escalated_wait IS DISTINCT FROM COALESCE(waiting_since, created_at);
CREATE INDEX conversations_waiting_place_idx ON conversations
  (account_id, (COALESCE(group_id, '')), priority, (COALESCE(waiting_since, created_at)), (id COLLATE "C"))
  WHERE status = 'open' AND routing_state IN ('queued', 'offered');
CREATE INDEX conversations_unanswered_idx ON conversations (account_id)
  WHERE status = 'open' AND NOT left_message AND routing_state IN ('queued', 'pending');
`;
