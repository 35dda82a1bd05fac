import { useT } from '../../i18n/use-t';
import { FigureTable, figuresOf } from './FigureTable';
import { ReportChart } from './ReportChart';
import { ReportSection } from './ReportSection';
import { durationFigures } from './TimesReport';
import type { SectionProps } from './section-props';

/** The queue: conversations that waited for a person, answered, abandoned (and the share), messages left, and the wait. */
export function QueueReport({ query, online }: SectionProps) {
  const t = useT();
  return (
    <ReportSection name="queue" title={t('reports.queue.title')} query={query} online={online} empty={(a) => a.current.queued === 0 && a.current.leftMessages === 0}>
      {({ current, previous }, empty) => (
        <>
          {!empty && (
            <div className="report-charts">
              <ReportChart
                title={t('reports.queue.title')}
                kind="bar"
                testId="report-queue-chart"
                points={[
                  { label: t('reports.queue.answered'), current: current.answered, previous: previous.answered },
                  { label: t('reports.queue.abandoned'), current: current.abandoned, previous: previous.abandoned },
                  { label: t('reports.queue.leftMessages'), current: current.leftMessages, previous: previous.leftMessages },
                ]}
              />
            </div>
          )}
          <FigureTable
            label={t('reports.queue.title')}
            figures={[
              ...figuresOf(current, previous, [
                { key: 'queued', label: t('reports.queue.queued'), kind: 'count', better: 'neither' },
                { key: 'answered', label: t('reports.queue.answered'), kind: 'count', better: 'higher' },
                { key: 'abandoned', label: t('reports.queue.abandoned'), kind: 'count', better: 'lower' },
                { key: 'abandonedPercent', label: t('reports.queue.abandonedPercent'), kind: 'percent', better: 'lower' },
                { key: 'leftMessages', label: t('reports.queue.leftMessages'), kind: 'count', better: 'neither' },
              ]),
              ...durationFigures(t, 'wait', t('reports.queue.wait'), current.wait, previous.wait),
            ]}
          />
        </>
      )}
    </ReportSection>
  );
}
