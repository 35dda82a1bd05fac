import { describe, expect, it } from 'vitest';
import { decideEscalations, type EscalationCandidate } from './escalation';

const c = (id: string, over: Partial<EscalationCandidate> = {}): EscalationCandidate => ({
  id, routingState: 'queued', waitingSince: 0, escalatedWait: null, ...over,
});

describe('escalation to supervisors', () => {
  it('alerts about a customer waiting the escalation time or longer, queued or being offered', () => {
    expect(decideEscalations([c('q'), c('o', { routingState: 'offered' })], 5 * 60_000 - 1, 300)).toEqual([]);
    expect(decideEscalations([c('q'), c('o', { routingState: 'offered' })], 5 * 60_000, 300)).toEqual(['q', 'o']);
  });

  it('once per wait: a new wait of the same conversation is alerted again', () => {
    expect(decideEscalations([c('q', { escalatedWait: 0 })], 60 * 60_000, 300)).toEqual([]);
    expect(decideEscalations([c('q', { waitingSince: 10 * 60_000, escalatedWait: 0 })], 15 * 60_000, 300)).toEqual(['q']);
  });

  it('leaves out conversations waiting for business hours', () => {
    expect(decideEscalations([c('p', { routingState: 'pending' })], 60 * 60_000, 300)).toEqual([]);
  });
});
