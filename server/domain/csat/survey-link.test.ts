import { describe, expect, it } from 'vitest';
import { newSurveyToken, signSurveyLink, verifySurveyLink } from './survey-link';

const SECRET = 'a server secret of some length';
const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);
const DAY = 86_400_000;

describe('signed survey links', () => {
  it('a link the server issued is taken until it expires, then refused as expired', () => {
    const token = newSurveyToken();
    const link = signSurveyLink(SECRET, token, NOW + 7 * DAY);
    expect(verifySurveyLink(SECRET, link, NOW)).toEqual({ ok: true, token });
    expect(verifySurveyLink(SECRET, link, NOW + 7 * DAY - 1000)).toEqual({ ok: true, token });
    expect(verifySurveyLink(SECRET, link, NOW + 7 * DAY)).toEqual({ ok: false, code: 'survey_expired' });
  });

  it('a link signed with another secret, with a moved expiry or another token is refused as invalid', () => {
    const token = newSurveyToken();
    const link = signSurveyLink(SECRET, token, NOW + DAY);
    const [, expires, sig] = link.split('.');
    expect(verifySurveyLink('another secret', link, NOW)).toEqual({ ok: false, code: 'survey_invalid' });
    expect(verifySurveyLink(SECRET, `${token}.${Number(expires) + 86_400}.${sig}`, NOW)).toEqual({ ok: false, code: 'survey_invalid' });
    expect(verifySurveyLink(SECRET, `${newSurveyToken()}.${expires}.${sig}`, NOW)).toEqual({ ok: false, code: 'survey_invalid' });
  });

  it('an expired link with a forged signature is invalid, not expired (nothing about it is told)', () => {
    const link = signSurveyLink(SECRET, newSurveyToken(), NOW - DAY);
    expect(verifySurveyLink(SECRET, `${link.slice(0, -2)}xx`, NOW)).toEqual({ ok: false, code: 'survey_invalid' });
  });

  it('malformed values are refused without throwing', () => {
    for (const value of ['', 'abc', 'a.b.c', '../../etc.1.x', `${'x'.repeat(20)}.notanumber.sig`, 'x.y.z.w']) {
      expect(verifySurveyLink(SECRET, value, NOW)).toEqual({ ok: false, code: 'survey_invalid' });
    }
  });

  it('tokens are URL-safe, unique and fit Telegram callback data with their prefix', () => {
    const tokens = new Set(Array.from({ length: 200 }, newSurveyToken));
    expect(tokens.size).toBe(200);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.byteLength(`csat:${token}:5`)).toBeLessThanOrEqual(64);
    }
  });
});
