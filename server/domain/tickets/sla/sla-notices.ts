import { targetDoneAt, targetState, type SlaClock, type SlaTargetKind } from './sla-state';

/** The marks kept in tickets.sla_notices, so each notice goes once. */
export type SlaNoticeMark = 'first_warn' | 'first_breach' | 'resolution_warn' | 'resolution_breach';

/** One notice to record and push: a target is about to be missed (warning) or was missed (breach). */
export type SlaNotice = { target: SlaTargetKind; kind: 'warning' | 'breach'; mark: SlaNoticeMark };

const marks: Record<SlaTargetKind, { warn: SlaNoticeMark; breach: SlaNoticeMark }> = {
  first_response: { warn: 'first_warn', breach: 'first_breach' },
  resolution: { warn: 'resolution_warn', breach: 'resolution_breach' },
};

/**
 * The notices a ticket owes at `now` given the marks already sent (pure). Only a target still
 * running warns or breaches; one done late is history, not news. A breach seen before its
 * warning went out (the server was down through the warning window) is told alone, and its
 * warning is marked sent with it (`marks`), so a warning never follows a breach.
 */
export function decideSlaNotices(
  clock: SlaClock, sent: readonly string[], now: number, warnBeforeMinutes: number,
): { notices: SlaNotice[]; marks: SlaNoticeMark[] } {
  const notices: SlaNotice[] = [];
  const add: SlaNoticeMark[] = [];
  for (const target of ['first_response', 'resolution'] as const) {
    if (targetDoneAt(clock, target) !== null) continue;
    const state = targetState(clock, target, now, warnBeforeMinutes);
    const { warn, breach } = marks[target];
    if (state === 'breached' && !sent.includes(breach)) {
      notices.push({ target, kind: 'breach', mark: breach });
      add.push(breach);
      if (!sent.includes(warn)) add.push(warn);
    } else if (state === 'warning' && !sent.includes(warn)) {
      notices.push({ target, kind: 'warning', mark: warn });
      add.push(warn);
    }
  }
  return { notices, marks: add };
}
