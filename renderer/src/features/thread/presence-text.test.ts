import { describe, expect, it } from 'vitest';
import type { Activity } from '../../../../shared/domain';
import { translator } from '../../i18n/translate';
import { describeOthersHere, othersHere } from './presence-text';

const en = translator('en');
const zh = translator('zh-CN');

function activity(userId: string, name: string, state: Activity['state'], preview: string | null = null): Activity {
  return { conversationId: 'c1', userId, name, role: 'agent', state, preview, at: '2025-01-01T10:00:00.000Z' };
}

describe('who else is in the conversation', () => {
  it('says nothing when nobody else is', () => {
    expect(describeOthersHere(en, othersHere([]))).toBeNull();
  });

  it('names who is typing and who is only looking', () => {
    const others = othersHere([activity('wang', '王芳', 'typing'), activity('sup', '陈琳', 'viewing')]);
    expect(describeOthersHere(en, others)).toBe('王芳 is typing… · 陈琳 is also viewing');
    expect(describeOthersHere(zh, others)).toBe('王芳 正在输入… · 陈琳 也在查看');
  });

  it('lists several people with the language’s separator', () => {
    const others = othersHere([
      activity('wang', '王芳', 'typing'),
      activity('li', '李雷', 'typing'),
      activity('emma', 'Emma', 'viewing'),
      activity('sup', '陈琳', 'viewing'),
    ]);
    expect(describeOthersHere(en, others)).toBe('王芳, 李雷 are typing… · Emma, 陈琳 are also viewing');
    expect(describeOthersHere(zh, others)).toBe('王芳、李雷 正在输入… · Emma、陈琳 也在查看');
  });

  it('keeps the typing preview only when there is one to show', () => {
    const { typing } = othersHere([activity('wang', '王芳', 'typing', 'Your refund is '), activity('li', '李雷', 'typing', '  ')]);
    expect(typing).toEqual([
      { userId: 'wang', name: '王芳', preview: 'Your refund is ' },
      { userId: 'li', name: '李雷', preview: null },
    ]);
  });
});
