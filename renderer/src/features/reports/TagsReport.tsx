import type { TagsFigures } from '../../../../shared/reports';
import { useT } from '../../i18n/use-t';
import { CompareTable, pairRows } from './CompareTable';
import { ReportChart } from './ReportChart';
import { ReportSection } from './ReportSection';
import type { SectionProps } from './section-props';

const kinds = ['reason', 'outcome', 'other'] as const;
type Tag = TagsFigures['tags'][number];

/** Conversation tags (contact reason, outcome, other) put on conversations, most used first, a table per kind. */
export function TagsReport({ query, online }: SectionProps) {
  const t = useT();
  return (
    <ReportSection name="tags" title={t('reports.tags.title')} query={query} online={online} empty={(a) => a.current.tags.length === 0} emptyNote={t('reports.tags.empty')}>
      {({ current, previous }, empty) => (
        <>
          {!empty && (
            <div className="report-charts">
              <ReportChart
                title={t('reports.tags.title')}
                kind="bar"
                testId="report-tags-chart"
                points={pairRows(current.tags, previous.tags, (r) => r.id, (r) => r.name).map((r) => ({
                  label: r.name, current: r.current?.conversations ?? 0, previous: r.previous?.conversations ?? 0,
                }))}
              />
            </div>
          )}
          {kinds.map((kind) => {
            const rows = pairRows(current.tags.filter((r) => r.kind === kind), previous.tags.filter((r) => r.kind === kind), (r) => r.id, (r) => r.name);
            if (rows.length === 0) return null;
            return (
              <CompareTable<Tag>
                key={kind}
                label={t(`reports.tags.kind.${kind}`)}
                rowHead={t(`reports.tags.kind.${kind}`)}
                columns={[{ key: 'conversations', head: t('reports.tags.conversations'), kind: 'count', better: 'neither', value: (r) => r.conversations }]}
                rows={rows}
                testId={`report-tags-${kind}`}
              />
            );
          })}
        </>
      )}
    </ReportSection>
  );
}
