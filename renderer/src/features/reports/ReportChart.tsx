import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useT } from '../../i18n/use-t';

/** One point of a chart: its label on the x axis, this period's value and the previous period's. */
export type ChartPoint = { label: string; current: number | null; previous?: number | null };

const WIDTH = 560;
const HEIGHT = 220;

/** The chart's data in words (the accessible name): "Conversations per day: 12-01 3, 12-02 0". */
export function chartDescription(title: string, points: readonly ChartPoint[], format: (n: number | null) => string = (n) => (n === null ? '—' : String(n))): string {
  return `${title}: ${points.map((p) => `${p.label} ${format(p.current)}`).join(', ')}`;
}

/**
 * A bar or line chart of a report's series, this period beside the previous one (grey, dashed).
 * Screen readers get the figures as its name; the table beside it holds them too.
 */
export function ReportChart({ title, kind, points, format, domain, testId }: {
  title: string;
  kind: 'bar' | 'line';
  points: readonly ChartPoint[];
  format?: (n: number | null) => string;
  /** The value axis's range when the figure has one (ratings 0–5, sentiment −1–1); else from the data. */
  domain?: [number, number];
  testId?: string;
}) {
  const t = useT();
  const data = points.map((p) => ({ label: p.label, current: p.current, previous: p.previous ?? null }));
  const withPrevious = points.some((p) => p.previous !== undefined);
  const currentName = t('reports.col.current');
  const previousName = t('reports.col.previous');
  const common = { width: WIDTH, height: HEIGHT, data, accessibilityLayer: false, margin: { top: 8, right: 12, bottom: 4, left: 0 } };
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" stroke="var(--color-border)" />
      <XAxis dataKey="label" tick={{ fontSize: 11 }} />
      <YAxis tick={{ fontSize: 11 }} allowDecimals={domain !== undefined} width={40} {...(domain ? { domain } : {})} />
      <Tooltip />
      {withPrevious && <Legend />}
    </>
  );
  return (
    <figure className="report-chart" role="img" aria-label={chartDescription(title, points, format)} data-testid={testId}>
      {kind === 'bar' ? (
        <BarChart {...common}>
          {axes}
          {withPrevious && <Bar dataKey="previous" name={previousName} fill="var(--color-chart-previous)" isAnimationActive={false} />}
          <Bar dataKey="current" name={currentName} fill="var(--color-chart-current)" isAnimationActive={false} />
        </BarChart>
      ) : (
        <LineChart {...common}>
          {axes}
          {withPrevious && (
            <Line dataKey="previous" name={previousName} stroke="var(--color-chart-previous)" strokeDasharray="4 3" dot={false} isAnimationActive={false} />
          )}
          <Line dataKey="current" name={currentName} stroke="var(--color-chart-current)" strokeWidth={2} isAnimationActive={false} connectNulls />
        </LineChart>
      )}
      <figcaption className="report-chart-title" aria-hidden="true">
        {title}
      </figcaption>
    </figure>
  );
}
