import type { RoutingState } from '../../../shared/domain';

/** Supervisors are alerted about a wait this long by default. */
export const DEFAULT_ESCALATE_AFTER_SECONDS = 300;

/** A waiting conversation as the escalation decision sees it. */
export type EscalationCandidate = {
  id: string;
  routingState: RoutingState;
  /** ms since the epoch. */
  waitingSince: number;
  /** The waitingSince of the wait supervisors were last alerted about; null: never. */
  escalatedWait: number | null;
};

/**
 * The conversations supervisors must hear of now: waiting for a person (queued or offered) for
 * `afterSeconds` or more, and not yet escalated for this wait. Pure.
 */
export function decideEscalations(waiting: readonly EscalationCandidate[], now: number, afterSeconds: number): string[] {
  return waiting
    .filter((c) => (c.routingState === 'queued' || c.routingState === 'offered') && c.escalatedWait !== c.waitingSince)
    .filter((c) => now - c.waitingSince >= afterSeconds * 1000)
    .map((c) => c.id);
}
