import { describe, expect, it } from 'vitest';
import { csatDraftOf, csatSaveOf, toggleKind } from './csat-admin-logic';

const settings = { enabled: false, channelKinds: ['widget' as const, 'email' as const], questionZh: '满意吗？', questionEn: 'Happy?', linkValidDays: 7 };

describe('the satisfaction survey settings form', () => {
  it('saves what was typed, trimmed, with the channel kinds in their usual order', () => {
    const draft = { ...csatDraftOf(settings), enabled: true, questionEn: '  How did we do?  ', linkValidDays: ' 14 ' };
    const ticked = { ...draft, channelKinds: toggleKind(draft.channelKinds, 'telegram', true) };
    expect(ticked.channelKinds).toEqual(['widget', 'telegram', 'email']);
    expect(csatSaveOf(ticked)).toEqual({
      save: { enabled: true, channelKinds: ['widget', 'telegram', 'email'], questionZh: '满意吗？', questionEn: 'How did we do?', linkValidDays: 14 },
      problem: null,
    });
    expect(csatSaveOf({ ...draft, channelKinds: [] }).save?.channelKinds).toEqual([]);
  });

  it('refuses an empty question in either language and days outside 1–90', () => {
    expect(csatSaveOf({ ...csatDraftOf(settings), questionZh: '  ' }).problem).toBe('question');
    expect(csatSaveOf({ ...csatDraftOf(settings), linkValidDays: '0' }).problem).toBe('days');
    expect(csatSaveOf({ ...csatDraftOf(settings), linkValidDays: '91' }).problem).toBe('days');
    expect(csatSaveOf({ ...csatDraftOf(settings), linkValidDays: '1.5' }).problem).toBe('days');
  });
});
