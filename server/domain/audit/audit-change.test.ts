import { describe, expect, it } from 'vitest';
import { auditChange } from './audit-change';

describe('a change as the audit log keeps it', () => {
  it('keeps only the fields that moved, with what they were and became', () => {
    expect(auditChange({ name: 'Shop', enabled: true, config: { greeting: 'hi', lang: 'zh' } }, { name: 'Shop CN', enabled: true, config: { greeting: 'hello', lang: 'zh' } })).toEqual({
      before: { name: 'Shop', 'config.greeting': 'hi' },
      after: { name: 'Shop CN', 'config.greeting': 'hello' },
    });
  });

  it('records a field that appeared or went away as empty on the other side', () => {
    expect(auditChange({ config: { a: 1 } }, { config: { b: [1, 2] } })).toEqual({
      before: { 'config.a': 1, 'config.b': null },
      after: { 'config.a': null, 'config.b': [1, 2] },
    });
    expect(auditChange({ a: 1 }, { a: 1 })).toEqual({ before: {}, after: {} });
  });
});
