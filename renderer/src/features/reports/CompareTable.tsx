import { useT } from '../../i18n/use-t';
import { ChangeBadge } from './ChangeBadge';
import { changeOf, formatFigure, type Better, type FigureKind } from './report-format';

/** One column of a breakdown: a figure of each row. */
export type CompareColumn<R> = { key: string; head: string; kind: FigureKind; better: Better; value(row: R): number | null };

/** One row of a breakdown (an agent, a channel, a day…): its figures in this period and the previous one (undefined: none there). */
export type CompareRow<R> = { key: string; name: string; current: R | undefined; previous: R | undefined };

/**
 * A breakdown table: a row per agent, channel, hour…; each cell holds the figure of this period,
 * the previous period's beside it and the change.
 */
export function CompareTable<R>({ label, rowHead, rows, columns, testId }: {
  label: string;
  rowHead: string;
  rows: readonly CompareRow<R>[];
  columns: readonly CompareColumn<R>[];
  testId?: string;
}) {
  const t = useT();
  return (
    <table className="report-table" data-testid={testId}>
      <caption className="report-table-caption">{label}</caption>
      <thead>
        <tr>
          <th scope="col">{rowHead}</th>
          {columns.map((c) => (
            <th key={c.key} scope="col">
              {c.head}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-row={row.key}>
            <th scope="row">{row.name}</th>
            {columns.map((c) => {
              const current = row.current ? c.value(row.current) : 0;
              const previous = row.previous ? c.value(row.previous) : 0;
              // A row missing from a period counted nothing there; a rate it did not have is no rate at all.
              const now = row.current || c.kind === 'count' ? current : null;
              const before = row.previous || c.kind === 'count' ? previous : null;
              return (
                <td key={c.key} data-col={c.key}>
                  <span className="report-current" data-testid="report-current">{formatFigure(t, now, c.kind)}</span>
                  <span className="report-previous">{t('reports.previousValue', { value: formatFigure(t, before, c.kind) })}</span>
                  <ChangeBadge change={changeOf(now, before, c.kind)} better={c.better} />
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Pairs the rows of both periods by key, in the order of this period (then rows only the previous one had). */
export function pairRows<R>(current: readonly R[], previous: readonly R[], keyOf: (row: R) => string, nameOf: (row: R) => string): CompareRow<R>[] {
  const before = new Map(previous.map((r) => [keyOf(r), r]));
  const rows: CompareRow<R>[] = current.map((r) => ({ key: keyOf(r), name: nameOf(r), current: r, previous: before.get(keyOf(r)) }));
  const seen = new Set(rows.map((r) => r.key));
  for (const r of previous) if (!seen.has(keyOf(r))) rows.push({ key: keyOf(r), name: nameOf(r), current: undefined, previous: r });
  return rows;
}
