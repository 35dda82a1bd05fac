import type { ChannelKind } from '../../../shared/domain';
import type { Queryable } from '../../db/db';
import type { MessageChoice } from '../conversations/message-choices';
import { surveyChoices } from './survey-buttons';
import { signSurveyLink } from './survey-link';

export type SurveyOutbound = { body: string; choices: MessageChoice[] };

/** The path the survey page is served at; the signed link follows it. */
export const SURVEY_PAGE_PATH = '/csat';

/**
 * How a survey line leaves on a platform, built when it is sent so the token and the signed link
 * are never stored in the thread (agents see the question, not a link they could answer
 * themselves): WhatsApp and Telegram get five buttons; WeChat, email and anything else a signed
 * link to the survey page, valid until the survey expires.
 */
export class SurveyRenderer {
  constructor(private readonly db: Queryable, private readonly secret: string, private readonly publicUrl: () => string) {}

  /** The survey's outbound form when `messageId` is a survey line; null for any other message. */
  async render(messageId: string, kind: ChannelKind, body: string): Promise<SurveyOutbound | null> {
    const rows = await this.db.query<{ token: string; language: 'zh' | 'en'; expires_at: Date | string }>(
      'SELECT token, language, expires_at FROM csat_requests WHERE message_id = $1',
      [messageId],
    );
    const request = rows[0];
    if (!request) return null;
    if (kind === 'whatsapp' || kind === 'telegram') return { body, choices: surveyChoices(request.token, request.language) };
    const link = `${this.publicUrl().replace(/\/+$/, '')}${SURVEY_PAGE_PATH}/${signSurveyLink(this.secret, request.token, new Date(request.expires_at).getTime())}?lang=${request.language}`;
    const lead = request.language === 'zh' ? '请点击链接评价：' : 'Rate us here:';
    return { body: `${body}\n\n${lead} ${link}`, choices: [] };
  }
}
