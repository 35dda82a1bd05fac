import type { BotFigures } from '../../../shared/reports';
import type { Queryable } from '../../db/db';
import { firstAgentReply, num, percentOf, startedConversations, windowParams, type ReportWindow } from './report-window';

/** Of the conversations started in the window that the bot had: resolved by it, handed to a person (see shared/reports.ts). */
export async function botReport(db: Queryable, w: ReportWindow): Promise<BotFigures> {
  const { params, param } = windowParams(w);
  const rows = await db.query<{ bot: string | number; resolved: string | number; handed: string | number }>(
    `WITH base AS (
       SELECT c.routing_state <> 'bot' AS handed, fa.at IS NOT NULL AS answered
         FROM ${startedConversations(w, param, firstAgentReply(w))}
          AND EXISTS (SELECT 1 FROM bot_turns b WHERE b.conversation_id = c.id))
     SELECT count(*) AS bot,
            count(*) FILTER (WHERE NOT handed AND NOT answered) AS resolved,
            count(*) FILTER (WHERE handed) AS handed
       FROM base`,
    params,
  );
  const bot = num(rows[0]?.bot);
  const resolvedByBot = num(rows[0]?.resolved);
  const handedOver = num(rows[0]?.handed);
  return { botConversations: bot, resolvedByBot, handedOver, resolutionPercent: percentOf(resolvedByBot, bot), handoffPercent: percentOf(handedOver, bot) };
}
