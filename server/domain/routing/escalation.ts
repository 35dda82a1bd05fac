import type { RoutingState } from '../../../shared/domain';

/** Supervisors are alerted about a wait this long by default. */
export const DEFAULT_ESCALATION_MINUTES = 5;

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
 * `minutes` or more, and not yet escalated for this wait. Pure.
 */
export function decideEscalations(waiting: readonly EscalationCandidate[], now: number, minutes: number): string[] {
  return waiting
    .filter((c) => (c.routingState === 'queued' || c.routingState === 'offered') && c.escalatedWait !== c.waitingSince)
    .filter((c) => now - c.waitingSince >= minutes * 60_000)
    .map((c) => c.id);
}
