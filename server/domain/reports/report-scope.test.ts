import { describe, expect, it } from 'vitest';
import { reportScope } from './report-scope';

describe('report scope', () => {
  it('supervisors and admins see the account, filtered by the agent they ask for', () => {
    expect(reportScope({ id: 's', role: 'supervisor' }, {})).toEqual({ scope: 'account', agentId: null });
    expect(reportScope({ id: 'a', role: 'admin' }, { agentId: 'x' })).toEqual({ scope: 'account', agentId: 'x' });
  });

  it('an agent always gets their own figures, whoever they ask for', () => {
    expect(reportScope({ id: 'me', role: 'agent' }, {})).toEqual({ scope: 'own', agentId: 'me' });
    expect(reportScope({ id: 'me', role: 'agent' }, { agentId: 'someone-else' })).toEqual({ scope: 'own', agentId: 'me' });
  });

  it('department staff are refused', () => {
    expect(() => reportScope({ id: 'st', role: 'staff' }, {})).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });
});
