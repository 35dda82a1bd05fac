import { useT } from '../../i18n/use-t';
import { sparklinePoints } from './sparkline';

const WIDTH = 96;
const HEIGHT = 24;

/** A topic's messages per day as a small line; screen readers hear the counts. */
export function TopicSparkline({ trend }: { trend: readonly number[] }) {
  const t = useT();
  return (
    <svg
      className="topic-sparkline"
      role="img"
      aria-label={t('topics.trend', { counts: trend.join(', ') })}
      width={WIDTH}
      height={HEIGHT + 2}
      viewBox={`0 -1 ${WIDTH} ${HEIGHT + 2}`}
      data-testid="topic-sparkline"
    >
      <polyline points={sparklinePoints(trend, WIDTH, HEIGHT)} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}
