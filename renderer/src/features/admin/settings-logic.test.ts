import { describe, expect, it } from 'vitest';
import type { RoutingSettingsView } from '../../../../shared/team-admin';
import { parseIntervals, settingsChanges, settingsDraftOf, validateSettings, type SettingsDraft } from './settings-logic';

const view: RoutingSettingsView = {
  settings: { autoAwaySeconds: 600, reconnectGraceSeconds: 180, acceptTimeoutSeconds: 30, reofferCooldownSeconds: 60, escalateAfterSeconds: 300 },
  groups: [
    { id: 'pre', name: '售前 Pre-sales', maxChatsPerAgent: null, businessHours: null, overflowAfterSeconds: 60, overflowTarget: 'any' },
    {
      id: 'after', name: '售后 After-sales', maxChatsPerAgent: 3, overflowAfterSeconds: 60, overflowTarget: 'any',
      businessHours: { timezone: 'Asia/Shanghai', days: { mon: [['09:00', '12:00'], ['13:00', '18:00']], sat: [['10:00', '16:00']] } },
    },
  ],
};

const edit = (change: (d: SettingsDraft) => void): SettingsDraft => {
  const draft = structuredClone(settingsDraftOf(view));
  change(draft);
  return draft;
};

describe('reading a day’s business hours as typed', () => {
  it('reads ranges with any dash and separator, Chinese punctuation too', () => {
    expect(parseIntervals('9:00-12:00，13:00 – 18:00')).toEqual({ intervals: [['09:00', '12:00'], ['13:00', '18:00']], problem: null });
    expect(parseIntervals('08:30~24:00')).toEqual({ intervals: [['08:30', '24:00']], problem: null });
    expect(parseIntervals('  ')).toEqual({ intervals: [], problem: null });
  });

  it('says which range it cannot read, which ends before it starts, and when they overlap', () => {
    expect(parseIntervals('09:00-12:00, 9-17').problem).toEqual({ key: 'settings.problem.timeFormat', text: '9-17' });
    expect(parseIntervals('25:00-26:00').problem).toEqual({ key: 'settings.problem.timeFormat', text: '25:00-26:00' });
    expect(parseIntervals('18:00-09:00').problem).toEqual({ key: 'settings.problem.endBeforeStart', text: '18:00-09:00' });
    expect(parseIntervals('09:00-13:00, 12:00-18:00').problem).toEqual({ key: 'settings.problem.overlap' });
    expect(parseIntervals('1:00-2:00, 3:00-4:00, 5:00-6:00, 7:00-8:00, 9:00-10:00').problem).toEqual({
      key: 'settings.problem.tooManyIntervals', max: 4,
    });
  });
});

describe('checking the routing settings before they are saved', () => {
  it('accepts what the server holds', () => {
    expect(validateSettings(settingsDraftOf(view))).toEqual([]);
  });

  it('marks each timing outside its bounds with the bounds in the message', () => {
    const problems = validateSettings(edit((d) => {
      d.timings.autoAwaySeconds = '59';
      d.timings.reconnectGraceSeconds = '';
      d.timings.acceptTimeoutSeconds = '30.5';
    }));
    expect(problems).toEqual([
      { field: { kind: 'timing', key: 'autoAwaySeconds' }, key: 'settings.problem.seconds', min: 60, max: 28_800 },
      { field: { kind: 'timing', key: 'reconnectGraceSeconds' }, key: 'settings.problem.seconds', min: 0, max: 3600 },
      { field: { kind: 'timing', key: 'acceptTimeoutSeconds' }, key: 'settings.problem.seconds', min: 5, max: 600 },
    ]);
  });

  it('allows an empty group limit but not one out of bounds', () => {
    expect(validateSettings(edit((d) => (d.groups[1]!.maxChatsPerAgent = '')))).toEqual([]);
    expect(validateSettings(edit((d) => (d.groups[1]!.maxChatsPerAgent = '0')))).toEqual([
      { field: { kind: 'groupMax', groupId: 'after' }, key: 'settings.problem.range', min: 1, max: 50 },
    ]);
  });

  it('checks hours only when the group is not always open: a known time zone, readable days, at least one open day', () => {
    expect(validateSettings(edit((d) => (d.groups[0]!.timezone = 'Nowhere/Special')))).toEqual([]);
    expect(validateSettings(edit((d) => (d.groups[1]!.timezone = 'Mars/Olympus')))).toEqual([
      { field: { kind: 'timezone', groupId: 'after' }, key: 'settings.problem.timezone' },
    ]);
    expect(validateSettings(edit((d) => (d.groups[1]!.days.sat = '16:00-10:00')))).toEqual([
      { field: { kind: 'day', groupId: 'after', day: 'sat' }, key: 'settings.problem.endBeforeStart', text: '16:00-10:00' },
    ]);
    expect(validateSettings(edit((d) => {
      d.groups[0]!.alwaysOpen = false;
    }))).toEqual([{ field: { kind: 'day', groupId: 'pre', day: 'mon' }, key: 'settings.problem.noHours' }]);
  });
});

describe('what a save changes', () => {
  it('is nothing for the form as loaded, even with hours typed differently', () => {
    expect(settingsChanges(view, settingsDraftOf(view))).toEqual({ args: {}, changes: [] });
    expect(settingsChanges(view, edit((d) => (d.groups[1]!.days.mon = '9:00-12:00; 13:00-18:00'))).changes).toEqual([]);
  });

  it('sends only the changed timings and groups, and lists them for the confirmation', () => {
    const draft = edit((d) => {
      d.timings.autoAwaySeconds = '300';
      d.groups[0]!.maxChatsPerAgent = '2';
      d.groups[1]!.maxChatsPerAgent = '';
      d.groups[1]!.alwaysOpen = true;
    });
    const { args, changes } = settingsChanges(view, draft);
    expect(args).toEqual({
      autoAwaySeconds: 300,
      groups: [
        { id: 'pre', maxChatsPerAgent: 2 },
        { id: 'after', maxChatsPerAgent: null, businessHours: null },
      ],
    });
    expect(changes).toEqual([
      { kind: 'timing', key: 'autoAwaySeconds', before: 600, after: 300 },
      { kind: 'groupMax', group: '售前 Pre-sales', before: null, after: 2 },
      { kind: 'groupMax', group: '售后 After-sales', before: 3, after: null },
      { kind: 'hours', group: '售后 After-sales', before: view.groups[1]!.businessHours, after: null },
    ]);
  });

  it('sends a new cool-down, escalation time and overflow rule, and refuses an overflow time out of bounds', () => {
    const draft = edit((d) => {
      d.timings.reofferCooldownSeconds = '30';
      d.timings.escalateAfterSeconds = '600';
      d.groups[1]!.overflowTarget = 'pre';
      d.groups[1]!.overflowAfterSeconds = '90';
      d.groups[0]!.overflowTarget = '';
    });
    const { args, changes } = settingsChanges(view, draft);
    expect(args).toEqual({
      reofferCooldownSeconds: 30,
      escalateAfterSeconds: 600,
      groups: [{ id: 'pre', overflowTarget: null }, { id: 'after', overflowAfterSeconds: 90, overflowTarget: 'pre' }],
    });
    expect(changes).toContainEqual({ kind: 'overflowTarget', group: '售后 After-sales', before: 'any', after: 'pre' });
    expect(changes).toContainEqual({ kind: 'overflowAfter', group: '售后 After-sales', before: 60, after: 90 });
    const problems = validateSettings(edit((d) => {
      d.groups[0]!.overflowAfterSeconds = '3601';
      d.timings.escalateAfterSeconds = '10';
    }));
    expect(problems.map((p) => p.field)).toEqual([
      { kind: 'timing', key: 'escalateAfterSeconds' },
      { kind: 'overflowAfter', groupId: 'pre' },
    ]);
  });

  it('gives a group that was always open the hours typed, in the time zone chosen', () => {
    const { args } = settingsChanges(view, edit((d) => {
      d.groups[0]!.alwaysOpen = false;
      d.groups[0]!.timezone = ' Europe/London ';
      d.groups[0]!.days.tue = '09:00-17:30';
    }));
    expect(args).toEqual({ groups: [{ id: 'pre', businessHours: { timezone: 'Europe/London', days: { tue: [['09:00', '17:30']] } } }] });
  });
});
