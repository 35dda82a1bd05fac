import { describe, expect, it } from 'vitest';
import { FILE_LINK_TTL_MS } from '../../../shared/attachments';
import { signFileLink, verifyFileLink } from './file-link';

const SECRET = 'server-secret-for-file-links';
const NOW = Date.UTC(2026, 0, 7, 9, 0, 0);

/** The query of a signed path, as Fastify hands it to the route. */
function queryOf(path: string): Record<string, string> {
  return Object.fromEntries(new URL(path, 'http://server.invalid').searchParams);
}

describe('signed file links', () => {
  it('work for the file and user they were signed for until they expire, about five minutes later', () => {
    const { path, expiresAtMs } = signFileLink(SECRET, 'file-1', 'user-1', NOW);
    expect(path.startsWith('/api/files/file-1?')).toBe(true);
    expect(expiresAtMs - NOW).toBeGreaterThanOrEqual(FILE_LINK_TTL_MS);
    expect(expiresAtMs - NOW).toBeLessThan(FILE_LINK_TTL_MS + 1000);
    expect(verifyFileLink(SECRET, 'file-1', queryOf(path), NOW)).toEqual({ ok: true, userId: 'user-1' });
    expect(verifyFileLink(SECRET, 'file-1', queryOf(path), expiresAtMs - 1)).toEqual({ ok: true, userId: 'user-1' });
    expect(verifyFileLink(SECRET, 'file-1', queryOf(path), expiresAtMs)).toEqual({ ok: false, code: 'file_link_expired' });
  });

  it('are worthless moved to another file or user, with a later expiry, another signature or another server secret', () => {
    const { path } = signFileLink(SECRET, 'file-1', 'user-1', NOW);
    const query = queryOf(path);
    const invalid = { ok: false, code: 'file_link_invalid' };
    expect(verifyFileLink(SECRET, 'file-2', query, NOW)).toEqual(invalid);
    expect(verifyFileLink(SECRET, 'file-1', { ...query, u: 'user-2' }, NOW)).toEqual(invalid);
    expect(verifyFileLink(SECRET, 'file-1', { ...query, e: String(Number(query.e) + 3600) }, NOW)).toEqual(invalid);
    expect(verifyFileLink(SECRET, 'file-1', { ...query, s: `${query.s!.slice(0, -1)}A` }, NOW)).toEqual(invalid);
    expect(verifyFileLink('another-secret', 'file-1', query, NOW)).toEqual(invalid);
    expect(verifyFileLink(SECRET, 'file-1', {}, NOW)).toEqual(invalid);
    expect(verifyFileLink(SECRET, 'file-1', { ...query, s: ['a', 'b'] }, NOW)).toEqual(invalid);
  });

  it('say forged before expired: an old forged link is not told apart from a fresh one', () => {
    const { path, expiresAtMs } = signFileLink(SECRET, 'file-1', 'user-1', NOW);
    const forged = { ...queryOf(path), u: 'user-2' };
    expect(verifyFileLink(SECRET, 'file-1', forged, expiresAtMs + 60_000)).toEqual({ ok: false, code: 'file_link_invalid' });
  });
});
