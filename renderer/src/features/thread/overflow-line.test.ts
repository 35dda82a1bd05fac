import { describe, expect, it } from 'vitest';
import { overflowNote } from '../../../../shared/routing-notes';
import { translator } from '../../i18n/translate';
import { internalSystemText } from './overflow-line';

describe('the overflow line in the thread', () => {
  it('reads in the agent’s language, to a group or to anyone', () => {
    const zh = translator('zh-CN');
    const en = translator('en');
    expect(internalSystemText(zh, overflowNote('售后 After-sales', '售前 Pre-sales'))).toBe('售后 After-sales无人能及时接待：已转入售前 Pre-sales');
    expect(internalSystemText(en, overflowNote('售后 After-sales', null))).toBe(
      'Nobody in 售后 After-sales could take it in time: offered to any agent with room',
    );
  });

  it('leaves every other line as it was stored', () => {
    expect(internalSystemText(translator('en'), 'taken over by 张主管')).toBe('taken over by 张主管');
  });
});
