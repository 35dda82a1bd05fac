import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { csatCommentSchema, csatRatingSchema } from '../../../shared/csat';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../../lib/clock';
import type { CsatService } from './csat-service';
import { readCsatSettings } from './csat-settings';
import type { Queryable } from '../../db/db';
import { pageLanguage, SURVEY_CSS, surveyFormPage, surveyRefusedPage, surveyThanksPage, type PageLanguage } from './survey-page';
import { verifySurveyLink } from './survey-link';
import { SURVEY_PAGE_PATH } from './survey-outbound';

export type SurveyRouteDeps = { db: Queryable; clock: Clock; csat: Pick<CsatService, 'answer' | 'secret'> };

const SURVEY_FORM_LIMIT = 16 * 1024;
const formSchema = z.object({ rating: z.coerce.number().pipe(csatRatingSchema), comment: csatCommentSchema.optional() });

type Params = { link: string };
type Query = { lang?: string };

/** No script at all, our own stylesheet only, posts only to ourselves, never framed. */
function securityHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('Content-Security-Policy', "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
    .header('X-Content-Type-Options', 'nosniff')
    .header('Referrer-Policy', 'no-referrer')
    .header('Cache-Control', 'no-store');
}

const STATUS = { survey_invalid: 404, survey_expired: 410 } as const;

/**
 * The survey page of WeChat and email links: GET shows the form for a link this server signed and
 * that has not expired; POST (an urlencoded form) records the answer and thanks the customer. A
 * link that was not signed here, or names no survey, is refused with `survey_invalid` (404), an
 * expired one with `survey_expired` (410). Pages go to callers that accept text/html (browsers);
 * anyone else gets `{ code, message }` like every other route.
 */
export function registerSurveyRoutes(app: FastifyInstance, deps: SurveyRouteDeps): void {
  const refuse = (reply: FastifyReply, language: PageLanguage, code: 'survey_invalid' | 'survey_expired', json: boolean) => {
    securityHeaders(reply).status(STATUS[code]);
    if (json) return reply.send(new AppError(code, code === 'survey_expired' ? 'This satisfaction survey has closed.' : 'This satisfaction survey link is not valid.').toJSON());
    return reply.type('text/html; charset=utf-8').send(surveyRefusedPage(language, code));
  };
  // Browsers ask for HTML (following the link, posting the form); any other caller gets our JSON answers.
  const wantsJson = (accept: string | undefined) => !/text\/html/.test(accept ?? '');

  app.get(`${SURVEY_PAGE_PATH}/assets/survey.css`, async (_request, reply) =>
    securityHeaders(reply).header('Cache-Control', 'public, max-age=3600').type('text/css; charset=utf-8').send(SURVEY_CSS));

  app.get<{ Params: Params; Querystring: Query }>(`${SURVEY_PAGE_PATH}/:link`, async (request, reply) => {
    const language = pageLanguage(request.query.lang, request.headers['accept-language']);
    const json = wantsJson(request.headers.accept);
    const checked = verifySurveyLink(deps.csat.secret, request.params.link, deps.clock());
    if (!checked.ok) return refuse(reply, language, checked.code, json);
    const rows = await deps.db.query<{ account_id: string; language: PageLanguage; expires_at: Date | string }>(
      'SELECT account_id, language, expires_at FROM csat_requests WHERE token = $1',
      [checked.token],
    );
    const survey = rows[0];
    if (!survey) return refuse(reply, language, 'survey_invalid', json);
    const settings = await readCsatSettings(deps.db, survey.account_id);
    const question = language === 'zh' ? settings.questionZh : settings.questionEn;
    const action = `${encodeURIComponent(request.params.link)}?lang=${language}`;
    return securityHeaders(reply).type('text/html; charset=utf-8').send(surveyFormPage(language, question, action));
  });

  app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: SURVEY_FORM_LIMIT }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scope.post<{ Params: Params; Querystring: Query }>(`${SURVEY_PAGE_PATH}/:link`, async (request, reply) => {
      const language = pageLanguage(request.query.lang, request.headers['accept-language']);
      const json = wantsJson(request.headers.accept);
      const checked = verifySurveyLink(deps.csat.secret, request.params.link, deps.clock());
      if (!checked.ok) return refuse(reply, language, checked.code, json);
      const form = formSchema.safeParse(request.body ?? {});
      if (!form.success) {
        if (json) throw new AppError('bad_request', 'rating: choose 1 to 5 stars');
        const action = `${encodeURIComponent(request.params.link)}?lang=${language}`;
        return securityHeaders(reply).status(400).type('text/html; charset=utf-8').send(surveyFormPage(language, '', action, 'missing'));
      }
      try {
        const outcome = await deps.csat.answer(
          { token: checked.token },
          { rating: form.data.rating, comment: form.data.comment ?? null, via: 'link', sourceId: null },
        );
        securityHeaders(reply);
        if (json) return reply.send({ status: outcome.status });
        return reply.type('text/html; charset=utf-8').send(surveyThanksPage(language));
      } catch (err) {
        if (err instanceof AppError && (err.code === 'survey_invalid' || err.code === 'survey_expired')) return refuse(reply, language, err.code, json);
        throw err;
      }
    });
  });
}
