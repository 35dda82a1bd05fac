import { describe, expect, it } from 'vitest';
import { autoAwayAfter, autoAwayDecision, isAtCapacity, isPresence, presences } from './presence-logic';

describe('auto-away', () => {
  it('sets an online agent away when they go idle', () => {
    expect(autoAwayDecision('idle', { presence: 'online' }, false)).toBe('away');
  });

  it('never changes busy, offline or an away the agent chose', () => {
    expect(autoAwayDecision('idle', { presence: 'busy' }, false)).toBeNull();
    expect(autoAwayDecision('idle', { presence: 'offline' }, false)).toBeNull();
    expect(autoAwayDecision('idle', { presence: 'away' }, false)).toBeNull();
    expect(autoAwayDecision('active', { presence: 'away' }, false)).toBeNull();
    expect(autoAwayDecision('active', { presence: 'busy' }, true)).toBeNull();
  });

  it('brings the agent back online on activity only when it set them away', () => {
    expect(autoAwayDecision('active', { presence: 'away' }, true)).toBe('online');
    expect(autoAwayDecision('active', { presence: 'online' }, true)).toBeNull();
  });

  it('does nothing before the presence is known', () => {
    expect(autoAwayDecision('idle', null, false)).toBeNull();
    expect(autoAwayDecision('active', null, true)).toBeNull();
  });

  it('ends as soon as the presence is anything but away', () => {
    expect(autoAwayAfter('away', true)).toBe(true);
    expect(autoAwayAfter('online', true)).toBe(false);
    expect(autoAwayAfter('busy', true)).toBe(false);
    expect(autoAwayAfter('away', false)).toBe(false);
  });
});

describe('presence values', () => {
  it('lists the four in switcher order and recognises them', () => {
    expect(presences).toEqual(['online', 'busy', 'away', 'offline']);
    expect(isPresence('busy')).toBe(true);
    expect(isPresence('')).toBe(false);
  });

  it('knows when an agent is at capacity', () => {
    expect(isAtCapacity({ load: 5, maxChats: 5 })).toBe(true);
    expect(isAtCapacity({ load: 3, maxChats: 5 })).toBe(false);
  });
});
