import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/translate';
import { changeOf, describeChange, formatChange, formatFigure, toneOf } from './report-format';

const en = translator('en');
const zh = translator('zh-CN');

describe('changes against the previous period', () => {
  it('gives counts and durations as a share of the previous value, with an arrow', () => {
    expect(formatChange(en, changeOf(3, 2, 'count'))).toBe('▲ 50 %');
    expect(formatChange(en, changeOf(1, 3, 'count'))).toBe('▼ 66.7 %');
    expect(formatChange(en, changeOf(90, 120, 'seconds'))).toBe('▼ 25 %');
    expect(formatChange(en, changeOf(4, 4, 'count'))).toBe('= 0 %');
  });

  it('gives percentages as points, and a rise from nothing as new', () => {
    expect(formatChange(en, changeOf(62.5, 50, 'percent'))).toBe('▲ 12.5 pt');
    expect(formatChange(zh, changeOf(40, 50, 'percent'))).toBe('▼ 10 个百分点');
    expect(formatChange(en, changeOf(3, 0, 'count'))).toBe('▲ new');
    expect(formatChange(en, changeOf(0, 0, 'count'))).toBe('= 0 %');
  });

  it('has nothing to compare when either period has no value', () => {
    expect(changeOf(null, 4, 'rating')).toBeNull();
    expect(changeOf(4.5, null, 'rating')).toBeNull();
    expect(formatChange(en, null)).toBe('—');
    expect(describeChange(en, null)).toBe('nothing to compare');
  });

  it('says the change in words and marks it good or bad news by what the figure measures', () => {
    expect(describeChange(en, changeOf(3, 2, 'count'))).toBe('up 50 % on the previous period');
    expect(describeChange(zh, changeOf(1, 2, 'count'))).toBe('比上期减少 50 %');
    expect(toneOf(changeOf(4.5, 4, 'rating'), 'higher')).toBe('good');
    expect(toneOf(changeOf(300, 60, 'seconds'), 'lower')).toBe('bad');
    expect(toneOf(changeOf(30, 60, 'seconds'), 'lower')).toBe('good');
    expect(toneOf(changeOf(9, 3, 'count'), 'neither')).toBe('neutral');
    expect(toneOf(changeOf(3, 3, 'count'), 'higher')).toBe('neutral');
  });
});

describe('figures as written', () => {
  it('writes durations as people say them, in either language', () => {
    expect(formatFigure(en, 42, 'seconds')).toBe('42 s');
    expect(formatFigure(en, 59.6, 'seconds')).toBe('1 min');
    expect(formatFigure(en, 90, 'seconds')).toBe('1 min 30 s');
    expect(formatFigure(en, 754, 'seconds')).toBe('12 min 34 s');
    expect(formatFigure(en, 3 * 3600 + 300, 'seconds')).toBe('3 h 5 min');
    expect(formatFigure(en, 2 * 86_400 + 4 * 3600, 'seconds')).toBe('2 d 4 h');
    expect(formatFigure(zh, 754, 'seconds')).toBe('12 分 34 秒');
    expect(formatFigure(zh, 3 * 3600 + 300, 'seconds')).toBe('3 小时 5 分钟');
    expect(formatFigure(en, null, 'seconds')).toBe('—');
  });

  it('writes counts, percentages, ratings and scores', () => {
    expect(formatFigure(en, 7, 'count')).toBe('7');
    expect(formatFigure(en, 66.7, 'percent')).toBe('66.7 %');
    expect(formatFigure(en, 4.5, 'rating')).toBe('4.50');
    expect(formatFigure(en, -0.25, 'score')).toBe('-0.25');
    expect(formatFigure(en, null, 'percent')).toBe('—');
  });
});
