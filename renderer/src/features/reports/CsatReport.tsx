import type { CsatFigures } from '../../../../shared/reports';
import { useT } from '../../i18n/use-t';
import { CompareTable, pairRows, type CompareColumn } from './CompareTable';
import { FigureTable } from './FigureTable';
import { ReportChart } from './ReportChart';
import { ReportSection } from './ReportSection';
import { formatFigure } from './report-format';
import type { SectionProps } from './section-props';

/** Satisfaction answers: in all, then per agent, skill group and channel. */
export function CsatReport({ query, online }: SectionProps) {
  const t = useT();
  const columns: CompareColumn<CsatFigures>[] = [
    { key: 'answers', head: t('reports.csat.answers'), kind: 'count', better: 'neither', value: (r) => r.answers },
    { key: 'average', head: t('reports.csat.average'), kind: 'rating', better: 'higher', value: (r) => r.average },
    { key: 'satisfiedPercent', head: t('reports.csat.satisfiedPercent'), kind: 'percent', better: 'higher', value: (r) => r.satisfiedPercent },
  ];
  const nobody = t('reports.csat.nobody');
  const noGroup = t('reports.csat.noGroup');
  return (
    <ReportSection name="csat" title={t('reports.csat.title')} query={query} online={online} empty={(a) => a.current.total.answers === 0} emptyNote={t('reports.csat.empty')}>
      {({ current, previous }, empty) => {
        const agents = pairRows(current.byAgent, previous.byAgent, (r) => r.id ?? '', (r) => r.name ?? nobody);
        const groups = pairRows(current.byGroup, previous.byGroup, (r) => r.id ?? '', (r) => r.name ?? noGroup);
        const channels = pairRows(current.byChannel, previous.byChannel, (r) => r.channelKind, (r) => t(`channel.${r.channelKind}`));
        return (
          <>
            <FigureTable
              label={t('reports.csat.title')}
              figures={columns.map((c) => ({ key: c.key, label: c.head, current: c.value(current.total), previous: c.value(previous.total), kind: c.kind, better: c.better }))}
            />
            {!empty && (
              <div className="report-charts">
                <ReportChart
                  title={t('reports.csat.averageByAgent')}
                  kind="bar"
                  testId="report-csat-chart"
                  domain={[0, 5]}
                  format={(n) => formatFigure(t, n, 'rating')}
                  points={agents.map((r) => ({ label: r.name, current: r.current?.average ?? null, previous: r.previous?.average ?? null }))}
                />
                <ReportChart
                  title={t('reports.csat.answersByChannel')}
                  kind="bar"
                  testId="report-csat-channel-chart"
                  points={channels.map((r) => ({ label: r.name, current: r.current?.answers ?? 0, previous: r.previous?.answers ?? 0 }))}
                />
              </div>
            )}
            <CompareTable label={t('reports.csat.byAgent')} rowHead={t('reports.col.agent')} columns={columns} rows={agents} testId="report-csat-by-agent" />
            <CompareTable label={t('reports.csat.byGroup')} rowHead={t('reports.col.group')} columns={columns} rows={groups} testId="report-csat-by-group" />
            <CompareTable label={t('reports.csat.byChannel')} rowHead={t('reports.col.channel')} columns={columns} rows={channels} testId="report-csat-by-channel" />
          </>
        );
      }}
    </ReportSection>
  );
}
