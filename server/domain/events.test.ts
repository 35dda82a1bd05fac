import { describe, expect, it } from 'vitest';
import { EventBus } from './events';

describe('domain event bus', () => {
  it('hands each event to the listeners of its type only, in the order they subscribed', async () => {
    const bus = new EventBus(() => undefined);
    const seen: string[] = [];
    bus.on('catalog.changed', (e) => void seen.push(`first ${e.accountId}`));
    bus.on('catalog.changed', (e) => void seen.push(`second ${e.accountId}`));
    bus.on('sensitive.words.changed', () => void seen.push('wrong type'));
    await bus.emit({ type: 'catalog.changed', accountId: 'a1', audience: { kind: 'account' } });
    expect(seen).toEqual(['first a1', 'second a1']);
  });

  it('runs listeners synchronously and resolves once asynchronous ones finished', async () => {
    const bus = new EventBus(() => undefined);
    let finished = false;
    let release!: () => void;
    bus.on('user.sessions.ended', () => new Promise<void>((resolve) => (release = resolve)).then(() => void (finished = true)));
    const emitted = bus.emit({ type: 'user.sessions.ended', userId: 'u1' });
    expect(release).toBeTypeOf('function');
    expect(finished).toBe(false);
    release();
    await emitted;
    expect(finished).toBe(true);
  });

  it('logs a failing listener and still reaches the others, never rejecting', async () => {
    const logged: string[] = [];
    const bus = new EventBus((_err, context) => logged.push(context));
    let reached = 0;
    bus.on('user.sessions.ended', () => {
      throw new Error('sync failure');
    });
    bus.on('user.sessions.ended', async () => {
      throw new Error('async failure');
    });
    bus.on('user.sessions.ended', () => void reached++);
    await expect(bus.emit({ type: 'user.sessions.ended', userId: 'u1' })).resolves.toBeUndefined();
    expect(reached).toBe(1);
    expect(logged).toEqual(['event user.sessions.ended', 'event user.sessions.ended']);
  });

  it('stops calling a listener once unsubscribed', async () => {
    const bus = new EventBus(() => undefined);
    let calls = 0;
    const off = bus.on('user.sessions.ended', () => void calls++);
    await bus.emit({ type: 'user.sessions.ended', userId: 'u1' });
    off();
    await bus.emit({ type: 'user.sessions.ended', userId: 'u1' });
    expect(calls).toBe(1);
  });
});
