import { describe, expect, it } from 'vitest';
import { issueAccessToken } from '../../domain/auth/access-token';
import { issueVisitorToken, verifyVisitorToken } from './visitor-token';

describe('visitor tokens', () => {
  it('bring the same contact back on the same channel', () => {
    const token = issueVisitorToken({ contactId: 'c1', channelId: 'ch1' }, 's');
    expect(verifyVisitorToken(token, 's')).toEqual({ contactId: 'c1', channelId: 'ch1' });
  });

  it('are refused when forged, signed elsewhere or of another kind', () => {
    const token = issueVisitorToken({ contactId: 'c1', channelId: 'ch1' }, 's');
    expect(verifyVisitorToken(token, 'other')).toBeNull();
    expect(verifyVisitorToken(`${token}x`, 's')).toBeNull();
    expect(verifyVisitorToken(undefined, 's')).toBeNull();
    const access = issueAccessToken({ userId: 'u', accountId: 'a', role: 'admin' }, 's', () => Date.now());
    expect(verifyVisitorToken(access, 's')).toBeNull();
  });
});
