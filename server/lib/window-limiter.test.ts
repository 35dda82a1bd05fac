import { describe, expect, it } from 'vitest';
import { WindowLimiter } from './window-limiter';

function setup() {
  let now = 1_000_000;
  const limiter = new WindowLimiter(
    { email: { max: 5, windowMs: 5 * 60_000 }, ip: { max: 8, windowMs: 5 * 60_000 } },
    () => now,
  );
  return { limiter, advance: (ms: number) => (now += ms) };
}

describe('login limiter', () => {
  it('allows five failures per email, then refuses with the time left', () => {
    const { limiter, advance } = setup();
    const keys = { email: 'a@x.test', ip: '1.1.1.1' };
    for (let i = 0; i < 5; i++) {
      expect(limiter.check(keys).allowed).toBe(true);
      limiter.record(keys);
      advance(10_000);
    }
    const decision = limiter.check(keys);
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 250 });
  });

  it('allows again once the oldest failure leaves the window', () => {
    const { limiter, advance } = setup();
    const keys = { email: 'a@x.test' };
    for (let i = 0; i < 5; i++) limiter.record(keys);
    advance(5 * 60_000 - 1);
    expect(limiter.check(keys).allowed).toBe(false);
    advance(1);
    expect(limiter.check(keys).allowed).toBe(true);
  });

  it('keeps emails apart but counts an IP across emails', () => {
    const { limiter } = setup();
    for (let i = 0; i < 5; i++) limiter.record({ email: 'a@x.test', ip: '1.1.1.1' });
    expect(limiter.check({ email: 'b@x.test', ip: '2.2.2.2' }).allowed).toBe(true);
    for (let i = 0; i < 3; i++) limiter.record({ email: `c${i}@x.test`, ip: '1.1.1.1' });
    expect(limiter.check({ email: 'fresh@x.test', ip: '1.1.1.1' }).allowed).toBe(false);
  });

  it('forgets an email after a reset (a successful sign-in)', () => {
    const { limiter } = setup();
    for (let i = 0; i < 5; i++) limiter.record({ email: 'a@x.test' });
    limiter.reset('email', 'a@x.test');
    expect(limiter.check({ email: 'a@x.test' }).allowed).toBe(true);
  });
});
