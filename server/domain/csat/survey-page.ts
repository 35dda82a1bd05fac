import { ratingTitle } from './survey-buttons';

/**
 * The survey page customers reach from a WeChat or email link: plain HTML with a form that posts
 * back to the same address, no script, its styles in one file of our own (the CSP allows nothing
 * else), in Chinese or English.
 */

export type PageLanguage = 'zh' | 'en';

const TEXT = {
  en: {
    title: 'Rate our service', send: 'Send', comment: 'Anything to add? (optional)', thanks: 'Thank you! Your rating was saved.',
    change: 'You can still change your answer from this link.', invalid: 'This survey link is not valid.', expired: 'This survey has closed.',
    rating: 'Your rating', missing: 'Please choose a rating.',
  },
  zh: {
    title: '服务评价', send: '提交', comment: '还有什么想告诉我们的吗？（选填）', thanks: '谢谢！您的评价已保存。',
    change: '您仍可通过此链接修改评价。', invalid: '该调查链接无效。', expired: '该满意度调查已结束。',
    rating: '您的评分', missing: '请选择评分。',
  },
} as const;

/** The language from `?lang=` or else the browser's Accept-Language. */
export function pageLanguage(lang: unknown, acceptLanguage: string | undefined): PageLanguage {
  if (lang === 'zh' || lang === 'en') return lang;
  return /^\s*zh/i.test(acceptLanguage ?? '') ? 'zh' : 'en';
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function page(language: PageLanguage, code: string, body: string): string {
  const t = TEXT[language];
  return `<!doctype html>
<html lang="${language === 'zh' ? 'zh-CN' : 'en'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title><link rel="stylesheet" href="assets/survey.css"></head>
<body><main class="survey" data-state="${code}">
<h1>${t.title}</h1>
${body}
</main></body></html>`;
}

/** The form: the question, five choices (5 stars first) and a comment box. */
export function surveyFormPage(language: PageLanguage, question: string, action: string, problem?: 'missing'): string {
  const t = TEXT[language];
  const choices = [5, 4, 3, 2, 1]
    .map((r) => `<label class="survey__choice"><input type="radio" name="rating" value="${r}" required> <span>${escapeHtml(ratingTitle(r, language))}</span></label>`)
    .join('\n');
  return page(language, 'form', `<p class="survey__question">${escapeHtml(question)}</p>
${problem ? `<p class="survey__problem" role="alert">${t.missing}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
<fieldset><legend>${t.rating}</legend>
${choices}
</fieldset>
<label class="survey__comment">${t.comment}<textarea name="comment" maxlength="2000" rows="4"></textarea></label>
<button type="submit">${t.send}</button>
</form>`);
}

export function surveyThanksPage(language: PageLanguage): string {
  const t = TEXT[language];
  return page(language, 'thanks', `<p class="survey__thanks" role="status">${t.thanks}</p><p>${t.change}</p>`);
}

/** A refused link, with its stable code on the page (`data-state`). */
export function surveyRefusedPage(language: PageLanguage, code: 'survey_invalid' | 'survey_expired'): string {
  const t = TEXT[language];
  return page(language, code, `<p class="survey__problem" role="alert">${code === 'survey_expired' ? t.expired : t.invalid}</p>`);
}

export const SURVEY_CSS = `body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f6f8;color:#1f2329}
.survey{max-width:28rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:1.25rem;margin:0 0 1rem}
fieldset{border:0;padding:0;margin:0 0 1rem}legend{font-weight:600;margin-bottom:.5rem}
.survey__choice{display:block;padding:.5rem .75rem;margin:.25rem 0;border:1px solid #dcdfe6;border-radius:8px;cursor:pointer}
.survey__choice span{color:#d48806}
.survey__comment{display:block;margin-bottom:1rem}
textarea{display:block;width:100%;box-sizing:border-box;margin-top:.25rem;font:inherit}
button{font:inherit;padding:.5rem 1.5rem;border:0;border-radius:8px;background:#1677ff;color:#fff;cursor:pointer}
.survey__problem{color:#cf1322}.survey__thanks{color:#389e0d;font-weight:600}`;
