import { describe, expect, it } from 'vitest';
import type { Queryable } from '../../db/db';
import { surveyFormPage, surveyRefusedPage } from './survey-page';
import { verifySurveyLink } from './survey-link';
import { SurveyRenderer } from './survey-outbound';

const SECRET = 'secret-for-links';
const EXPIRES = Date.UTC(2030, 0, 1);
const TOKEN = 'Q2hhbmdlTWVQbGVhc2Uw';

/** A database that knows one survey line (id "survey-line"). */
const db = {
  query: async (_sql: string, params: unknown[]) =>
    params[0] === 'survey-line' ? [{ token: TOKEN, language: 'zh', expires_at: new Date(EXPIRES) }] : [],
} as unknown as Queryable; // answers only the renderer's one query

describe('a survey line as each platform gets it', () => {
  const renderer = new SurveyRenderer(db, SECRET, () => 'https://help.shop.example/');

  it('WeChat and email get the question with a signed link to the survey page, valid until the survey expires', async () => {
    for (const kind of ['wechat', 'email'] as const) {
      const out = await renderer.render('survey-line', kind, '您对本次服务满意吗？');
      expect(out?.choices).toEqual([]);
      const match = /^您对本次服务满意吗？\n\n请点击链接评价： https:\/\/help\.shop\.example\/csat\/([^?\s]+)\?lang=zh$/.exec(out!.body);
      expect(match).not.toBeNull();
      expect(verifySurveyLink(SECRET, match![1]!, EXPIRES - 1000)).toEqual({ ok: true, token: TOKEN });
      expect(verifySurveyLink(SECRET, match![1]!, EXPIRES)).toEqual({ ok: false, code: 'survey_expired' });
    }
  });

  it('WhatsApp and Telegram get five picks; any other message is left as it is', async () => {
    expect((await renderer.render('survey-line', 'telegram', 'q'))?.choices.map((c) => c.id)).toEqual([5, 4, 3, 2, 1].map((n) => `csat:${TOKEN}:${n}`));
    expect(await renderer.render('another-message', 'email', 'Hello')).toBeNull();
  });
});

describe('the survey page', () => {
  it('shows the admin’s question as text, never as HTML, with no script', () => {
    const html = surveyFormPage('en', '<script>alert(1)</script> How did we do?', 'abc.1.sig?lang=en');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; How did we do?');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<form method="post" action="abc.1.sig?lang=en">');
  });

  it('names a refusal by its stable code, in the customer’s language', () => {
    expect(surveyRefusedPage('zh', 'survey_expired')).toContain('data-state="survey_expired"');
    expect(surveyRefusedPage('zh', 'survey_expired')).toContain('该满意度调查已结束。');
  });
});
