/**
 * Routing that never strands a customer: declines and missed offers kept apart with when they
 * happened (both end after a cool-down), each group's overflow rule, the account's escalation
 * time, and on each conversation whether it overflowed, when supervisors were alerted and
 * whether it is a message left while nobody was available.
 */
export const name = 'routing-rescue';

export const sql = /* sql */ `
ALTER TABLE accounts
  -- How long an agent who declined or missed an offer is passed over for that conversation.
  ADD COLUMN reoffer_cooldown_seconds int NOT NULL DEFAULT 60 CHECK (reoffer_cooldown_seconds >= 0),
  -- After this long waiting for a person, supervisors are alerted once per wait.
  ADD COLUMN escalate_after_seconds int NOT NULL DEFAULT 300 CHECK (escalate_after_seconds > 0);

-- 'declined': the agent said no; 'timed_out': the offer ran out unanswered.
ALTER TABLE routing_declines
  ADD COLUMN kind text NOT NULL DEFAULT 'declined' CHECK (kind IN ('declined', 'timed_out'));

ALTER TABLE skill_groups
  -- Seconds without an eligible online agent before a waiting conversation overflows.
  ADD COLUMN overflow_after_seconds int NOT NULL DEFAULT 60 CHECK (overflow_after_seconds >= 0),
  -- Where it overflows: a group id, 'any' (any agent with capacity), or null (never).
  ADD COLUMN overflow_target text DEFAULT 'any';

ALTER TABLE conversations
  -- The group it overflowed from, when it did.
  ADD COLUMN overflowed_from text REFERENCES skill_groups(id) ON DELETE SET NULL,
  -- The waiting_since of the wait supervisors were last alerted about.
  ADD COLUMN escalated_wait timestamptz,
  -- Written while nobody was available: kept, routed when an agent comes online.
  ADD COLUMN left_message boolean NOT NULL DEFAULT false;
`;
