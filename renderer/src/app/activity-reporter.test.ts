import { beforeEach, describe, expect, it } from 'vitest';
import { ManualTimers } from '../testing/manual-timers';
import { createActivityReporter, type ActivityReport, type ActivityReporter } from './activity-reporter';

let timers: ManualTimers;
let sent: ActivityReport[];
let reporter: ActivityReporter;

beforeEach(() => {
  timers = new ManualTimers();
  sent = [];
  reporter = createActivityReporter({ send: (r) => sent.push(r), timers, intervalMs: 300, pauseMs: 5000 });
});

/** What colleagues were told, in order, as "conversation:state[:preview]". */
const told = () => sent.map((r) => [r.conversationId, r.state, r.preview].filter((x) => x !== undefined).join(':'));

describe('opening conversations', () => {
  it('says viewing for the open conversation and idle for the one left behind', () => {
    reporter.open('c1');
    reporter.open('c2');
    reporter.open(null);
    expect(told()).toEqual(['c1:viewing', 'c1:idle', 'c2:viewing', 'c2:idle']);
  });

  it('says nothing again when the same conversation is opened twice', () => {
    reporter.open('c1');
    reporter.open('c1');
    expect(told()).toEqual(['c1:viewing']);
  });
});

describe('typing', () => {
  beforeEach(() => reporter.open('c1'));

  it('sends the first keystroke at once and the latest text at most every 300 ms', () => {
    reporter.typed('c1', 'H');
    reporter.typed('c1', 'He');
    reporter.typed('c1', 'Hel');
    expect(told()).toEqual(['c1:viewing', 'c1:typing:H']);
    timers.advance(300);
    expect(told().at(-1)).toBe('c1:typing:Hel');
    timers.advance(300);
    // Nothing new was typed: nothing more is sent.
    expect(told()).toHaveLength(3);
    reporter.typed('c1', 'Hello');
    expect(told().at(-1)).toBe('c1:typing:Hello');
  });

  it('marks typing a reply to the customer, and says so again when the agent turns to a note', () => {
    reporter.typed('c1', 'Hi', true);
    timers.advance(300);
    reporter.typed('c1', 'Hi', false);
    expect(sent.slice(1).map((r) => [r.state, r.preview, r.toCustomer])).toEqual([
      ['typing', 'Hi', true],
      ['typing', 'Hi', undefined],
    ]);
  });

  it('turns back into viewing five seconds after the last keystroke', () => {
    reporter.typed('c1', 'Hi');
    timers.advance(4000);
    reporter.typed('c1', 'Hi there');
    timers.advance(4999);
    expect(told().at(-1)).toBe('c1:typing:Hi there');
    timers.advance(1);
    expect(told().at(-1)).toBe('c1:viewing');
    expect(timers.pending).toBe(0);
  });

  it('an emptied composer (sent or cleared) is viewing again at once, with no late preview after it', () => {
    reporter.typed('c1', 'Refund');
    reporter.typed('c1', 'Refund is on');
    reporter.typed('c1', '');
    timers.advance(1000);
    expect(told()).toEqual(['c1:viewing', 'c1:typing:Refund', 'c1:viewing']);
  });

  it('ignores typing in a conversation that is not the open one', () => {
    reporter.typed('c9', 'elsewhere');
    expect(told()).toEqual(['c1:viewing']);
  });

  it('switching away while typing drops the held-back preview and says idle', () => {
    reporter.typed('c1', 'a');
    reporter.typed('c1', 'ab');
    reporter.open('c2');
    timers.advance(6000);
    expect(told()).toEqual(['c1:viewing', 'c1:typing:a', 'c1:idle', 'c2:viewing']);
  });
});

describe('the window', () => {
  it('hidden or blurred says idle; back says viewing', () => {
    reporter.open('c1');
    reporter.typed('c1', 'draft');
    reporter.setVisible(false);
    reporter.setVisible(false);
    timers.advance(6000);
    reporter.setVisible(true);
    expect(told()).toEqual(['c1:viewing', 'c1:typing:draft', 'c1:idle', 'c1:viewing']);
  });

  it('a conversation opened while the window is hidden is reported when it comes back', () => {
    reporter.setVisible(false);
    reporter.open('c1');
    expect(told()).toEqual([]);
    reporter.setVisible(true);
    expect(told()).toEqual(['c1:viewing']);
  });

  it('typing shows the person is back even if the window did not say so', () => {
    reporter.open('c1');
    reporter.setVisible(false);
    reporter.typed('c1', 'x');
    expect(told()).toEqual(['c1:viewing', 'c1:idle', 'c1:typing:x']);
  });
});

describe('after a reconnect and when stopping', () => {
  it('repeat says the current state again', () => {
    reporter.open('c1');
    reporter.typed('c1', 'half a reply');
    reporter.repeat();
    expect(told().slice(-1)).toEqual(['c1:typing:half a reply']);
    expect(told()).toHaveLength(3);
  });

  it('repeat says nothing with no conversation open or the window hidden', () => {
    reporter.repeat();
    reporter.open('c1');
    reporter.setVisible(false);
    reporter.repeat();
    expect(told()).toEqual(['c1:viewing', 'c1:idle']);
  });

  it('stop says idle once and cancels every timer', () => {
    reporter.open('c1');
    reporter.typed('c1', 'a');
    reporter.typed('c1', 'ab');
    reporter.stop();
    reporter.stop();
    expect(told()).toEqual(['c1:viewing', 'c1:typing:a', 'c1:idle']);
    expect(timers.pending).toBe(0);
  });
});
