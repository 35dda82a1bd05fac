import { describe, expect, it } from 'vitest';
import { composerBlock } from './composer-state';

describe('composer block', () => {
  it('lets the agent send to an open conversation that is still theirs', () => {
    expect(composerBlock({ access: 'full', status: 'open' })).toBeNull();
  });

  it('stops sending to a conversation that is no longer theirs, even a resolved one', () => {
    expect(composerBlock({ access: 'lost', status: 'open' })).toBe('lost');
    expect(composerBlock({ access: 'lost', status: 'resolved' })).toBe('lost');
  });

  it('stops sending to a resolved conversation', () => {
    expect(composerBlock({ access: 'full', status: 'resolved' })).toBe('resolved');
  });
});
