import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { addressKey } from '../../http/client-address';
import { DEFAULT_SIGN_IN_RULES, RateLimitedError, SignInThrottle, delayAfter, waitAfter, type SignInTicket } from './sign-in-throttle';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

function setUp() {
  let now = Date.UTC(2025, 0, 1);
  const throttle = new SignInThrottle(() => now);
  return {
    throttle,
    advance: (ms: number) => void (now += ms),
    /** Begins an attempt: the ticket, or the seconds to wait. */
    attempt(email: string, address: string): SignInTicket | number {
      try {
        return throttle.begin(email, address);
      } catch (err) {
        if (err instanceof RateLimitedError) return err.retryAfterSeconds;
        throw err;
      }
    },
  };
}

/** `n` wrong passwords in a row (each reserved, none taken back). */
function fail(t: ReturnType<typeof setUp>, email: string, address: string, n: number): void {
  for (let i = 0; i < n; i++) {
    const ticket = t.attempt(email, address);
    if (typeof ticket === 'number') throw new Error(`attempt ${i + 1} was refused`);
  }
}

describe('sign-in throttle', () => {
  it('counts an attempt the moment it begins: the sixth parallel attempt is refused before any password is checked', () => {
    const t = setUp();
    const outcomes = Array.from({ length: 200 }, () => t.attempt('emma@demo.test', '203.0.113.7'));
    expect(outcomes.filter((o) => typeof o !== 'number')).toHaveLength(5);
    expect(outcomes.slice(5).every((o) => o === 30)).toBe(true);
  });

  it('a right password takes its attempt back and clears its own failures', () => {
    const t = setUp();
    fail(t, 'emma@demo.test', '203.0.113.7', 4);
    const right = t.attempt('emma@demo.test', '203.0.113.7') as SignInTicket;
    t.throttle.succeeded(right);
    // Five more mistakes are free again.
    fail(t, 'emma@demo.test', '203.0.113.7', 5);
    expect(t.attempt('emma@demo.test', '203.0.113.7')).toBe(30);
  });

  it('doubles the wait with every further failure, up to a cap, and forgets after an hour of quiet', () => {
    const t = setUp();
    fail(t, 'a@x.test', '198.51.100.1', 5);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const refused = t.attempt('a@x.test', '198.51.100.1') as number;
      waits.push(refused);
      t.advance(refused * SECOND);
      fail(t, 'a@x.test', '198.51.100.1', 1);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
    expect(t.attempt('a@x.test', '198.51.100.1')).toBe(900);
    t.advance(60 * MINUTE);
    fail(t, 'a@x.test', '198.51.100.1', 5);
  });

  it('treats the email as the user table does: case and spaces do not make a new key', () => {
    const t = setUp();
    fail(t, 'Emma@Demo.test', '203.0.113.7', 3);
    fail(t, ' emma@demo.test ', '203.0.113.7', 2);
    expect(t.attempt('EMMA@demo.test', '203.0.113.7')).toBe(30);
  });

  it('a stranger failing on an account does not lock its owner out of an address they signed in from', () => {
    const t = setUp();
    t.throttle.succeeded(t.attempt('emma@demo.test', '192.0.2.10') as SignInTicket);
    // Distributed guessing: many addresses, far beyond the account's free failures.
    for (let i = 0; i < 300; i++) {
      const ticket = t.attempt('emma@demo.test', `198.51.100.${i % 250}`);
      if (typeof ticket === 'number') t.advance(ticket * SECOND);
    }
    expect(typeof t.attempt('emma@demo.test', '192.0.2.10')).toBe('object');
  });

  it('slows distributed guessing on one account without locking it: the wait stays within a minute', () => {
    const t = setUp();
    for (let i = 0; i < 100; i++) fail(t, 'emma@demo.test', `198.51.100.${i}`, 1);
    const refused = t.attempt('emma@demo.test', '198.51.100.200');
    expect(refused).toBe(1);
    for (let i = 0; i < 20; i++) {
      const wait = t.attempt('emma@demo.test', `203.0.113.${i}`);
      if (typeof wait === 'number') {
        expect(wait).toBeLessThanOrEqual(60);
        t.advance(wait * SECOND);
      }
    }
    // Once the attempts stop, a first sign-in from a new place goes through again.
    t.advance(60 * SECOND);
    expect(typeof t.attempt('emma@demo.test', '192.0.2.99')).toBe('object');
  });

  it('an address failing on thirty accounts waits, other addresses do not', () => {
    const t = setUp();
    for (let i = 0; i < 30; i++) fail(t, `user${i}@x.test`, '203.0.113.66', 1);
    expect(t.attempt('fresh@x.test', '203.0.113.66')).toBe(30);
    expect(typeof t.attempt('fresh@x.test', '203.0.113.67')).toBe('object');
  });

  it('a server failure during the check takes the attempt back', () => {
    const t = setUp();
    for (let i = 0; i < 10; i++) t.throttle.cancelled(t.attempt('emma@demo.test', '203.0.113.7') as SignInTicket);
    fail(t, 'emma@demo.test', '203.0.113.7', 5);
  });

  it('failures within the free ones never make anyone wait, even one recorded after the clock was read', () => {
    const now = Date.UTC(2025, 0, 1);
    const pair = DEFAULT_SIGN_IN_RULES.pair;
    // Parallel attempts on several nodes: this one read the clock, then waited for the counts while others wrote theirs.
    expect(waitAfter(pair, { count: pair.free - 1, lastAt: now + 30 }, now)).toBe(0);
    expect(waitAfter(pair, { count: pair.free, lastAt: now + 30 }, now)).toBe(delayAfter(pair, pair.free) + 30);
  });

  it('a ticket settles once', () => {
    const t = setUp();
    const ticket = t.attempt('emma@demo.test', '203.0.113.7') as SignInTicket;
    fail(t, 'emma@demo.test', '203.0.113.7', 4);
    t.throttle.cancelled(ticket);
    t.throttle.cancelled(ticket);
    t.throttle.succeeded(ticket);
    // One attempt was taken back, not three.
    fail(t, 'emma@demo.test', '203.0.113.7', 1);
    expect(t.attempt('emma@demo.test', '203.0.113.7')).toBe(30);
  });

  it('refuses with rate_limited, saying how long to wait', () => {
    const t = setUp();
    fail(t, 'emma@demo.test', '203.0.113.7', 5);
    let refusal: unknown;
    try {
      t.throttle.begin('emma@demo.test', '203.0.113.7');
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 30 });
  });

  it('waits nothing before the free failures are used up', () => {
    expect(delayAfter(DEFAULT_SIGN_IN_RULES.pair, 4)).toBe(0);
    expect(delayAfter(DEFAULT_SIGN_IN_RULES.pair, 5)).toBe(30 * SECOND);
    expect(delayAfter(DEFAULT_SIGN_IN_RULES.account, 10_000)).toBe(MINUTE);
  });
});

describe('the address a sign-in is counted against', () => {
  it('is the whole /64 for IPv6, and the plain address for IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::5')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('so one IPv6 client cannot get fresh attempts by changing the end of its address', () => {
    const t = setUp();
    for (let i = 1; i <= 5; i++) fail(t, 'emma@demo.test', `2001:db8:1:2::${i.toString(16)}`, 1);
    expect(t.attempt('emma@demo.test', '2001:db8:1:2::ff')).toBe(30);
    expect(typeof t.attempt('emma@demo.test', '2001:db8:1:3::1')).toBe('object');
  });
});
