import { describe, expect, it } from 'vitest';
import { auditCsvLine, csvField, csvLine } from './audit-csv';

describe('audit CSV', () => {
  it('quotes fields with quotes, commas and line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-1')).toBe("'-1");
  });

  it('ends lines with CRLF and writes details as JSON', () => {
    expect(csvLine(['a', null])).toBe('a,\r\n');
    const line = auditCsvLine({
      id: 1, createdAt: '2026-01-01T00:00:00.000Z', actorId: 'u1', actorName: 'Li, Lei', action: 'whisper',
      targetType: 'conversation', targetId: 'c1', details: { note: 'x' }, targetLabel: null, whisperText: null,
    });
    expect(line).toBe('1,2026-01-01T00:00:00.000Z,u1,"Li, Lei",whisper,conversation,c1,"{""note"":""x""}"\r\n');
  });
});
