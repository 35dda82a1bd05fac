import { describe, expect, it } from 'vitest';
import { skillGroup, teamMember } from '../../testing/fixtures';
import { boardEntries, loadPercent, summarizeBoard } from './board-logic';

const groups = [skillGroup({ id: 'pre', name: '售前 Pre-sales' }), skillGroup({ id: 'after', name: '售后 After-sales' })];

describe('the live agent board', () => {
  it('lists online agents first, then busy, away and offline; the most loaded first within each', () => {
    const agents = [
      teamMember({ id: 'off', name: 'Offline Olga', presence: 'offline', load: 0 }),
      teamMember({ id: 'emma', name: 'Emma Clark', presence: 'online', load: 1, maxChats: 5 }),
      teamMember({ id: 'wang', name: '王芳', presence: 'online', load: 4, maxChats: 5 }),
      teamMember({ id: 'li', name: '李雷', presence: 'away', load: 2 }),
      teamMember({ id: 'busy', name: 'Busy Bo', presence: 'busy', load: 0 }),
    ];
    expect(boardEntries(agents, groups).map((e) => e.member.id)).toEqual(['wang', 'emma', 'busy', 'li', 'off']);
  });

  it('compares load as a share of each limit, so 3 of 3 comes before 4 of 10', () => {
    const agents = [
      teamMember({ id: 'big', name: 'A', load: 4, maxChats: 10 }),
      teamMember({ id: 'small', name: 'B', load: 3, maxChats: 3 }),
    ];
    const entries = boardEntries(agents, groups);
    expect(entries.map((e) => [e.member.id, e.loadPercent, e.full])).toEqual([
      ['small', 100, true],
      ['big', 40, false],
    ]);
  });

  it('names each agent’s skill groups in the team’s order and skips groups it does not know', () => {
    const [entry] = boardEntries([teamMember({ id: 'emma', groupIds: ['after', 'gone', 'pre'] })], groups);
    expect(entry?.groupNames).toEqual(['售前 Pre-sales', '售后 After-sales']);
  });

  it('never draws a load bar past full', () => {
    expect(loadPercent({ load: 7, maxChats: 5 })).toBe(100);
    expect(loadPercent({ load: 1, maxChats: 3 })).toBe(33);
  });

  it('counts who is online and the load against the capacity of everyone not offline', () => {
    const agents = [
      teamMember({ id: 'a', presence: 'online', load: 2, maxChats: 5 }),
      teamMember({ id: 'b', presence: 'away', load: 1, maxChats: 5 }),
      teamMember({ id: 'c', presence: 'offline', load: 0, maxChats: 5 }),
    ];
    expect(summarizeBoard(agents)).toEqual({ online: 1, load: 3, capacity: 10 });
  });
});

describe('department staff on the agent board', () => {
  it('are neither listed nor counted: they take no chats', () => {
    const team = [teamMember({ id: 'wang', name: 'Wang', presence: 'online', load: 1, maxChats: 5 }), teamMember({ id: 'zhou', name: 'Zhou', role: 'staff', presence: 'online', load: 0, maxChats: 5 })];
    expect(boardEntries(team, []).map((e) => e.member.id)).toEqual(['wang']);
    expect(summarizeBoard(team)).toEqual({ online: 1, load: 1, capacity: 5 });
  });
});
