import type { SentimentFigures } from '../../../../shared/reports';
import { useT } from '../../i18n/use-t';
import { CompareTable, type CompareColumn } from './CompareTable';
import { FigureTable } from './FigureTable';
import { ReportChart } from './ReportChart';
import { ReportSection } from './ReportSection';
import { formatFigure } from './report-format';
import type { SectionProps } from './section-props';

type Point = Omit<SentimentFigures, 'byDay'>;

/** The customers' mood as the bot scored their messages (−1 to 1): the average, the upset ones, and the trend by day. */
export function SentimentReport({ query, online }: SectionProps) {
  const t = useT();
  const columns: CompareColumn<Point>[] = [
    { key: 'messages', head: t('reports.sentiment.messages'), kind: 'count', better: 'neither', value: (r) => r.messages },
    { key: 'average', head: t('reports.sentiment.average'), kind: 'score', better: 'higher', value: (r) => r.average },
    { key: 'upset', head: t('reports.sentiment.upset'), kind: 'count', better: 'lower', value: (r) => r.upset },
  ];
  return (
    <ReportSection name="sentiment" title={t('reports.sentiment.title')} query={query} online={online} empty={(a) => a.current.messages === 0} emptyNote={t('reports.sentiment.empty')}>
      {({ current, previous }, empty) => (
        <>
          <FigureTable
            label={t('reports.sentiment.title')}
            figures={columns.map((c) => ({ key: c.key, label: c.head, current: c.value(current), previous: c.value(previous), kind: c.kind, better: c.better }))}
          />
          {!empty && (
            <div className="report-charts">
              <ReportChart
                title={t('reports.sentiment.trend')}
                kind="line"
                testId="report-sentiment-chart"
                domain={[-1, 1]}
                format={(n) => formatFigure(t, n, 'score')}
                points={current.byDay.map((d, i) => ({ label: d.date.slice(5), current: d.average, previous: previous.byDay[i]?.average ?? null }))}
              />
            </div>
          )}
          <CompareTable
            label={t('reports.sentiment.trend')}
            rowHead={t('reports.col.day')}
            columns={columns}
            rows={current.byDay.map((d, i) => ({ key: d.date, name: d.date, current: d, previous: previous.byDay[i] }))}
          />
        </>
      )}
    </ReportSection>
  );
}
