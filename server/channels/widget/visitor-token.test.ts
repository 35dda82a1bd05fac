import { describe, expect, it } from 'vitest';
import { issueAccessToken } from '../../domain/auth/access-token';
import { issueVisitorToken, verifyVisitorToken } from './visitor-token';

const start = Date.UTC(2025, 0, 1);
const clock = () => start;

describe('visitor tokens', () => {
  it('bring the same contact back on the same channel', async () => {
    const token = await issueVisitorToken({ contactId: 'c1', channelId: 'ch1' }, 's', clock);
    expect(await verifyVisitorToken(token, 's', clock)).toEqual({ contactId: 'c1', channelId: 'ch1' });
  });

  it('do not expire', async () => {
    const token = await issueVisitorToken({ contactId: 'c1', channelId: 'ch1' }, 's', clock);
    const yearsLater = () => start + 10 * 365 * 24 * 3600_000;
    expect(await verifyVisitorToken(token, 's', yearsLater)).toEqual({ contactId: 'c1', channelId: 'ch1' });
  });

  it('are refused when forged, signed elsewhere or of another kind', async () => {
    const token = await issueVisitorToken({ contactId: 'c1', channelId: 'ch1' }, 's', clock);
    expect(await verifyVisitorToken(token, 'other', clock)).toBeNull();
    expect(await verifyVisitorToken(`${token}x`, 's', clock)).toBeNull();
    expect(await verifyVisitorToken(undefined, 's', clock)).toBeNull();
    const access = await issueAccessToken({ userId: 'u', accountId: 'a', role: 'admin', sessionId: 's' }, 's', clock);
    expect(await verifyVisitorToken(access, 's', clock)).toBeNull();
  });
});
