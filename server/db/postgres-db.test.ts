import { describe, expect, it } from 'vitest';
import { redactDatabaseUrl } from './postgres-db';

describe('printing a database url', () => {
  it('hides the password', () => {
    expect(redactDatabaseUrl('postgres://sb:s3cret@db.local:5432/switchboard')).toBe('postgres://sb:***@db.local:5432/switchboard');
    expect(redactDatabaseUrl('postgres://db.local/switchboard')).toBe('postgres://db.local/switchboard');
  });
});
