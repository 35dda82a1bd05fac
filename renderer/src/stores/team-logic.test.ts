import { describe, expect, it } from 'vitest';
import { teamMember } from '../testing/fixtures';
import { upsertTeamMember } from './team-logic';

describe('a colleague changes presence or load', () => {
  const wang = teamMember({ id: 'wang', name: '王芳', load: 1 });
  const li = teamMember({ id: 'li', name: '李雷', presence: 'away' });

  it('replaces that colleague in place and keeps the others', () => {
    const next = upsertTeamMember([wang, li], { ...wang, presence: 'busy', load: 3 });
    expect(next.map((a) => [a.id, a.presence, a.load])).toEqual([
      ['wang', 'busy', 3],
      ['li', 'away', 0],
    ]);
  });

  it('adds a colleague the list did not have yet', () => {
    const emma = teamMember({ id: 'emma', name: 'Emma Clark' });
    expect(upsertTeamMember([wang], emma).map((a) => a.id)).toEqual(['wang', 'emma']);
  });

  it('returns the same list when nothing changed', () => {
    const agents = [wang, li];
    expect(upsertTeamMember(agents, { ...li, groupIds: [] })).toBe(agents);
  });
});
