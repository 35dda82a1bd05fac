import type { DurationFigures, TimesFigures } from '../../../../shared/reports';
import type { MessageKey } from '../../i18n/en';
import { useT } from '../../i18n/use-t';
import { FigureTable, type Figure } from './FigureTable';
import { ReportChart } from './ReportChart';
import { ReportSection } from './ReportSection';
import { formatFigure } from './report-format';
import type { SectionProps } from './section-props';

const measures = ['firstResponse', 'handling', 'resolution'] as const satisfies readonly (keyof TimesFigures)[];

/** A duration's count, median and p90 as figures (shorter is better). */
export function durationFigures(t: ReturnType<typeof useT>, key: string, label: string, current: DurationFigures, previous: DurationFigures): Figure[] {
  return [
    { key: `${key}.count`, label: t('reports.duration.count', { what: label }), current: current.count, previous: previous.count, kind: 'count', better: 'neither' },
    { key: `${key}.median`, label: t('reports.duration.median', { what: label }), current: current.medianSeconds, previous: previous.medianSeconds, kind: 'seconds', better: 'lower' },
    { key: `${key}.p90`, label: t('reports.duration.p90', { what: label }), current: current.p90Seconds, previous: previous.p90Seconds, kind: 'seconds', better: 'lower' },
  ];
}

/** First response, handling and resolution times: how many were counted, the median and the 90th percentile. */
export function TimesReport({ query, online }: SectionProps) {
  const t = useT();
  const label = (m: (typeof measures)[number]) => t(`reports.times.${m}` satisfies MessageKey);
  return (
    <ReportSection
      name="times"
      title={t('reports.times.title')}
      query={query}
      online={online}
      empty={(a) => measures.every((m) => a.current[m].count === 0)}
    >
      {({ current, previous }, empty) => (
        <>
          {!empty && (
            <div className="report-charts">
              <ReportChart
                title={t('reports.times.medianMinutes')}
                kind="bar"
                testId="report-times-chart"
                format={(n) => formatFigure(t, n === null ? null : n * 60, 'seconds')}
                points={measures.map((m) => ({ label: label(m), current: minutes(current[m].medianSeconds), previous: minutes(previous[m].medianSeconds) }))}
              />
            </div>
          )}
          <FigureTable label={t('reports.times.title')} figures={measures.flatMap((m) => durationFigures(t, m, label(m), current[m], previous[m]))} />
        </>
      )}
    </ReportSection>
  );
}

const minutes = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10);
