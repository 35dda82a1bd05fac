import { describe, expect, it } from 'vitest';
import { outboxActions } from './outbox-actions';

const reply = { senderType: 'agent' as const, clientId: '0190a000-0000-7000-8000-000000000001' };

describe('outbox actions', () => {
  it('offers retry, edit and discard on a failed reply', () => {
    expect(outboxActions({ ...reply, delivery: 'failed' })).toEqual(['retry', 'edit', 'discard']);
  });

  it('does not offer retry where sending is not possible', () => {
    expect(outboxActions({ ...reply, delivery: 'failed' }, false)).toEqual(['edit', 'discard']);
  });

  it('offers edit and discard on a queued reply', () => {
    expect(outboxActions({ ...reply, delivery: 'queued' })).toEqual(['edit', 'discard']);
  });

  it('offers nothing while sending or once sent, nor on messages outside the outbox', () => {
    expect(outboxActions({ ...reply, delivery: 'sending' })).toEqual([]);
    expect(outboxActions({ ...reply, delivery: 'sent' })).toEqual([]);
    expect(outboxActions({ ...reply, clientId: null, delivery: 'failed' })).toEqual([]);
    expect(outboxActions({ ...reply, senderType: 'bot', delivery: 'failed' })).toEqual([]);
  });
});
