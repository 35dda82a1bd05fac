import { describe, expect, it } from 'vitest';
import { ManualTimers } from '../../lib/manual-timers';
import { Reconnector } from './reconnect';

function setup() {
  const timers = new ManualTimers();
  let connected = false;
  const attempts: number[] = [];
  const start = timers.clock();
  const reconnector = new Reconnector({
    connect: () => attempts.push(timers.clock() - start),
    connected: () => connected,
    timers,
    curve: { baseMs: 1_000, capMs: 8_000 },
  });
  return { timers, reconnector, attempts, setConnected: (value: boolean) => (connected = value) };
}

describe('the widget reconnecting by itself', () => {
  it('tries again after a server goodbye on the backoff curve, waiting longer after each failure up to the cap', () => {
    const { timers, reconnector, attempts } = setup();
    reconnector.failed();
    timers.advance(1_000);
    reconnector.failed();
    timers.advance(2_000);
    reconnector.failed();
    timers.advance(4_000);
    reconnector.failed();
    timers.advance(8_000);
    reconnector.failed();
    timers.advance(8_000);
    expect(attempts).toEqual([1_000, 3_000, 7_000, 15_000, 23_000]);
  });

  it('starts the curve again once connected', () => {
    const { timers, reconnector, attempts, setConnected } = setup();
    reconnector.failed();
    timers.advance(1_000);
    reconnector.failed();
    timers.advance(2_000);
    setConnected(true);
    reconnector.succeeded();
    setConnected(false);
    reconnector.failed();
    timers.advance(1_000);
    expect(attempts).toEqual([1_000, 3_000, 4_000]);
  });

  it('tries at once when the network is back or the page is shown, and not when still connected', () => {
    const { timers, reconnector, attempts, setConnected } = setup();
    reconnector.failed();
    timers.advance(500);
    reconnector.wake();
    expect(attempts).toEqual([500]);
    // The planned attempt was replaced, not added to.
    timers.advance(10_000);
    expect(attempts).toEqual([500]);
    setConnected(true);
    reconnector.wake();
    expect(attempts).toEqual([500]);
  });

  it('stops for good when the chat is not available', () => {
    const { timers, reconnector, attempts } = setup();
    reconnector.failed();
    reconnector.stop();
    timers.advance(60_000);
    reconnector.wake();
    reconnector.failed();
    timers.advance(60_000);
    expect(attempts).toEqual([]);
  });
});
