import { useT } from '../../i18n/use-t';
import { FigureTable, figuresOf } from './FigureTable';
import { ReportChart } from './ReportChart';
import { ReportSection } from './ReportSection';
import type { SectionProps } from './section-props';

/** The bot: conversations it had, those it resolved alone and those it handed to a person, with the rates. */
export function BotReport({ query, online }: SectionProps) {
  const t = useT();
  return (
    <ReportSection name="bot" title={t('reports.bot.title')} query={query} online={online} empty={(a) => a.current.botConversations === 0} emptyNote={t('reports.bot.empty')}>
      {({ current, previous }, empty) => (
        <>
          {!empty && (
            <div className="report-charts">
              <ReportChart
                title={t('reports.bot.title')}
                kind="bar"
                testId="report-bot-chart"
                points={[
                  { label: t('reports.bot.resolved'), current: current.resolvedByBot, previous: previous.resolvedByBot },
                  { label: t('reports.bot.handedOver'), current: current.handedOver, previous: previous.handedOver },
                ]}
              />
            </div>
          )}
          <FigureTable
            label={t('reports.bot.title')}
            figures={figuresOf(current, previous, [
              { key: 'botConversations', label: t('reports.bot.conversations'), kind: 'count', better: 'neither' },
              { key: 'resolvedByBot', label: t('reports.bot.resolved'), kind: 'count', better: 'higher' },
              { key: 'handedOver', label: t('reports.bot.handedOver'), kind: 'count', better: 'neither' },
              { key: 'resolutionPercent', label: t('reports.bot.resolutionPercent'), kind: 'percent', better: 'higher' },
              { key: 'handoffPercent', label: t('reports.bot.handoffPercent'), kind: 'percent', better: 'neither' },
            ])}
          />
        </>
      )}
    </ReportSection>
  );
}
