import { describe, expect, it } from 'vitest';
import type { SlaTarget } from '../../../../shared/tickets';
import { decideSlaNotices } from './sla-notices';
import { slaState, slaTargetFor, targetState, warnBeforeFor, type SlaClock } from './sla-state';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 7, 9, 0);
const open = (over: Partial<SlaClock> = {}): SlaClock => ({
  status: 'open', firstResponseDueAt: T0 + 60 * MIN, resolutionDueAt: T0 + 480 * MIN,
  firstRespondedAt: null, solvedAt: null, closedAt: null, ...over,
});

describe('the SLA state of a ticket', () => {
  it('is none without targets', () => {
    expect(slaState(open({ firstResponseDueAt: null, resolutionDueAt: null }), T0, 30)).toBe('none');
  });

  it('runs ok, warns from warn-before ahead of the first response target, then breaches at it', () => {
    const t = open();
    expect(slaState(t, T0 + 29 * MIN, 30)).toBe('ok');
    expect(slaState(t, T0 + 30 * MIN, 30)).toBe('warning');
    expect(slaState(t, T0 + 60 * MIN - 1, 30)).toBe('warning');
    expect(slaState(t, T0 + 60 * MIN, 30)).toBe('breached');
  });

  it('a first reply in time meets the first target; the resolution target then decides', () => {
    const t = open({ firstRespondedAt: T0 + 10 * MIN });
    expect(targetState(t, 'first_response', T0 + 100 * MIN, 30)).toBe('met');
    expect(slaState(t, T0 + 100 * MIN, 30)).toBe('ok');
    expect(slaState(t, T0 + 455 * MIN, 30)).toBe('warning');
    expect(slaState(t, T0 + 481 * MIN, 30)).toBe('breached');
  });

  it('a late first reply stays breached after it was sent', () => {
    const t = open({ firstRespondedAt: T0 + 61 * MIN });
    expect(slaState(t, T0 + 62 * MIN, 30)).toBe('breached');
  });

  it('solved in time is met for both targets, even without a first reply', () => {
    const t = open({ status: 'solved', solvedAt: T0 + 50 * MIN });
    expect(slaState(t, T0 + 1000 * MIN, 30)).toBe('met');
  });

  it('closed late is breached; a reopened ticket runs its resolution clock again', () => {
    expect(slaState(open({ status: 'closed', firstRespondedAt: T0, closedAt: T0 + 500 * MIN }), T0 + 600 * MIN, 30)).toBe('breached');
    const reopened = open({ status: 'open', firstRespondedAt: T0, solvedAt: T0 + 100 * MIN });
    expect(slaState(reopened, T0 + 200 * MIN, 30)).toBe('ok');
    expect(slaState(reopened, T0 + 480 * MIN, 30)).toBe('breached');
  });

  it('takes the type\'s target for the priority, else the account default, else warns an hour ahead', () => {
    const targets: SlaTarget[] = [
      { typeId: null, priority: 'high', firstResponseMinutes: 60, resolutionMinutes: null, warnBeforeMinutes: 15 },
      { typeId: 'repair', priority: 'high', firstResponseMinutes: 30, resolutionMinutes: 600, warnBeforeMinutes: 5 },
    ];
    expect(slaTargetFor(targets, 'repair', 'high')?.firstResponseMinutes).toBe(30);
    expect(warnBeforeFor(targets, 'refund', 'high')).toBe(15);
    expect(warnBeforeFor(targets, null, 'high')).toBe(15);
    expect(warnBeforeFor(targets, 'repair', 'low')).toBe(60);
  });
});

describe('SLA notices', () => {
  it('warn once, then breach once, per target', () => {
    const t = open();
    expect(decideSlaNotices(t, [], T0, 30).notices).toEqual([]);
    const warn = decideSlaNotices(t, [], T0 + 31 * MIN, 30);
    expect(warn.notices).toEqual([{ target: 'first_response', kind: 'warning', mark: 'first_warn' }]);
    expect(decideSlaNotices(t, warn.marks, T0 + 40 * MIN, 30).notices).toEqual([]);
    const breach = decideSlaNotices(t, warn.marks, T0 + 61 * MIN, 30);
    expect(breach.notices).toEqual([{ target: 'first_response', kind: 'breach', mark: 'first_breach' }]);
    expect(decideSlaNotices(t, [...warn.marks, ...breach.marks], T0 + 90 * MIN, 30).notices).toEqual([]);
  });

  it('a breach found before its warning is told alone and marks the warning sent', () => {
    const { notices, marks } = decideSlaNotices(open({ firstRespondedAt: T0 }), [], T0 + 500 * MIN, 30);
    expect(notices).toEqual([{ target: 'resolution', kind: 'breach', mark: 'resolution_breach' }]);
    expect(marks.sort()).toEqual(['resolution_breach', 'resolution_warn']);
  });

  it('nothing is owed by a solved ticket or a target already met', () => {
    expect(decideSlaNotices(open({ status: 'solved', solvedAt: T0 + 500 * MIN }), [], T0 + 600 * MIN, 30).notices).toEqual([]);
    expect(decideSlaNotices(open({ firstRespondedAt: T0 + 70 * MIN }), [], T0 + 75 * MIN, 30).notices).toEqual([]);
  });
});
