import { describe, expect, it } from 'vitest';
import type { MessageDelivery } from '../../../../shared/domain';
import { message } from '../../testing/fixtures';
import { channelDeliveryLine } from './channel-delivery';

const delivery = (overrides: Partial<MessageDelivery>): MessageDelivery => ({
  status: 'sent',
  reason: null,
  attempts: 1,
  updatedAt: '2025-01-01T10:00:00.000Z',
  ...overrides,
});
const reply = (channelDelivery: MessageDelivery | null, overrides: Parameters<typeof message>[0] = { id: 'm1' }) =>
  message({ senderType: 'agent', channelDelivery, ...overrides });

describe('the delivery line of a reply on a platform channel', () => {
  it('ticks once when sent, twice when delivered and read', () => {
    expect(channelDeliveryLine(reply(delivery({ status: 'sent' }))))
      .toMatchObject({ status: 'sent', marks: '✓', key: 'channelDelivery.sent' });
    expect(channelDeliveryLine(reply(delivery({ status: 'delivered' })))).toMatchObject({ marks: '✓✓', key: 'channelDelivery.delivered' });
    expect(channelDeliveryLine(reply(delivery({ status: 'read' })))).toMatchObject({ marks: '✓✓', key: 'channelDelivery.read' });
  });

  it('says failed with the platform’s reason, and still says failed when the platform gave none', () => {
    expect(channelDeliveryLine(reply(delivery({ status: 'failed', reason: ' Recipient phone number not in allowed list ', attempts: 3 }))))
      .toEqual({ status: 'failed', marks: '!', key: 'channelDelivery.failed', reason: 'Recipient phone number not in allowed list', attempts: 3 });
    expect(channelDeliveryLine(reply(delivery({ status: 'failed', reason: '' }))))
      .toMatchObject({ key: 'channelDelivery.failedNoReason', reason: null });
  });

  it('says a reply is being retried, with why the last attempt failed', () => {
    expect(channelDeliveryLine(reply(delivery({ status: 'pending', attempts: 0 })))).toMatchObject({ key: 'channelDelivery.pending' });
    expect(channelDeliveryLine(reply(delivery({ status: 'pending', attempts: 2, reason: 'Service unavailable' }))))
      .toMatchObject({ key: 'channelDelivery.retrying', reason: 'Service unavailable', attempts: 2 });
  });

  it('has nothing to say for widget replies, the customer’s messages, notes, or replies the server does not have yet', () => {
    expect(channelDeliveryLine(reply(null))).toBeNull();
    expect(channelDeliveryLine(message({ id: 'm2', senderType: 'contact', channelDelivery: delivery({}) }))).toBeNull();
    expect(channelDeliveryLine(reply(delivery({}), { id: 'm3', internal: true }))).toBeNull();
    expect(channelDeliveryLine(reply(delivery({}), { id: 'm4', delivery: 'sending' }))).toBeNull();
  });
});
