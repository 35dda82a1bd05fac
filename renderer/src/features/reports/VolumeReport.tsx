import type { ChannelKind } from '../../../../shared/domain';
import type { VolumeFigures } from '../../../../shared/reports';
import { useT } from '../../i18n/use-t';
import { CompareTable, pairRows, type CompareColumn } from './CompareTable';
import { FigureTable } from './FigureTable';
import { ReportChart } from './ReportChart';
import { ReportSection } from './ReportSection';
import type { SectionProps } from './section-props';

type Count = { conversations: number };
const conversations = (head: string): CompareColumn<Count> => ({ key: 'conversations', head, kind: 'count', better: 'neither', value: (r) => r.conversations });

/** Conversations started: in all, per day, per hour of the day and per channel. */
export function VolumeReport({ query, online }: SectionProps) {
  const t = useT();
  const head = t('reports.volume.conversations');
  const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
  return (
    <ReportSection name="volume" title={t('reports.volume.title')} query={query} online={online} empty={(a) => a.current.conversations === 0}>
      {({ current, previous }, empty) => (
        <>
          <FigureTable
            label={t('reports.volume.title')}
            figures={[{ key: 'conversations', label: head, current: current.conversations, previous: previous.conversations, kind: 'count', better: 'neither' }]}
          />
          {!empty && (
            <div className="report-charts">
              <ReportChart
                title={t('reports.volume.byDay')}
                kind="line"
                testId="report-volume-by-day-chart"
                points={current.byDay.map((d, i) => ({ label: d.date.slice(5), current: d.conversations, previous: previous.byDay[i]?.conversations ?? null }))}
              />
              <ReportChart
                title={t('reports.volume.byHour')}
                kind="bar"
                testId="report-volume-by-hour-chart"
                points={current.byHour.map((h, i) => ({ label: hourLabel(h.hour), current: h.conversations, previous: previous.byHour[i]?.conversations ?? null }))}
              />
              <ReportChart
                title={t('reports.volume.byChannel')}
                kind="bar"
                testId="report-volume-by-channel-chart"
                points={pairRows(current.byChannel, previous.byChannel, (c) => c.channelKind, (c) => t(`channel.${c.channelKind}`)).map((r) => ({
                  label: r.name, current: r.current?.conversations ?? 0, previous: r.previous?.conversations ?? 0,
                }))}
              />
            </div>
          )}
          <ChannelTable t={t} current={current} previous={previous} head={head} />
          <CompareTable
            label={t('reports.volume.byDay')}
            rowHead={t('reports.col.day')}
            columns={[conversations(head)]}
            rows={current.byDay.map((d, i) => ({ key: d.date, name: d.date, current: d, previous: previous.byDay[i] }))}
          />
          <CompareTable
            label={t('reports.volume.byHour')}
            rowHead={t('reports.col.hour')}
            columns={[conversations(head)]}
            rows={current.byHour.map((h, i) => ({ key: String(h.hour), name: hourLabel(h.hour), current: h, previous: previous.byHour[i] }))}
          />
        </>
      )}
    </ReportSection>
  );
}

function ChannelTable({ t, current, previous, head }: { t: ReturnType<typeof useT>; current: VolumeFigures; previous: VolumeFigures; head: string }) {
  const rows = pairRows<{ channelKind: ChannelKind; conversations: number }>(current.byChannel, previous.byChannel, (c) => c.channelKind, (c) => t(`channel.${c.channelKind}`));
  return <CompareTable label={t('reports.volume.byChannel')} rowHead={t('reports.col.channel')} columns={[conversations(head)]} rows={rows} testId="report-volume-by-channel" />;
}
