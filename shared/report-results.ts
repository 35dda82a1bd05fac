import { z } from 'zod';
import { reportAnswerSchema, reportFiguresSchemas, type ReportAnswer, type ReportName } from './reports';

/**
 * One report's answer as the desktop passes it on (`reports.get`): the server's answer with the
 * report's name beside it, so a reader (and zod) knows which figures it holds.
 */
const named = <L extends ReportName, F extends z.ZodType>(name: L, figures: F) => reportAnswerSchema(figures).extend({ report: z.literal(name) });

export const reportResultSchema = z.discriminatedUnion('report', [
  named('volume', reportFiguresSchemas.volume),
  named('times', reportFiguresSchemas.times),
  named('queue', reportFiguresSchemas.queue),
  named('csat', reportFiguresSchemas.csat),
  named('bot', reportFiguresSchemas.bot),
  named('sentiment', reportFiguresSchemas.sentiment),
  named('tags', reportFiguresSchemas.tags),
]);
export type ReportResult = z.infer<typeof reportResultSchema>;

/** The answer of report `K` within a result (null when the result is of another report). */
export function answerOf<K extends ReportName>(name: K, result: ReportResult): (ReportAnswer<K> & { report: K }) | null {
  // The union's member for K is exactly ReportAnswer<K> plus its name; TypeScript cannot narrow a union by a generic key.
  return result.report === name ? (result as ReportAnswer<K> & { report: K }) : null;
}

/** The CSV file of one report (`reports.csv`), as the server names it. */
export const reportCsvFileSchema = z.object({ filename: z.string(), csv: z.string() });
export type ReportCsvFile = z.infer<typeof reportCsvFileSchema>;
