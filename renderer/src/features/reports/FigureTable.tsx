import { useT } from '../../i18n/use-t';
import { ChangeBadge } from './ChangeBadge';
import { changeOf, formatFigure, type Better, type FigureKind } from './report-format';

/** One headline figure: its name, its value in this period and in the previous one. */
export type Figure = { key: string; label: string; current: number | null; previous: number | null; kind: FigureKind; better: Better };

/** A figure of a section read by `key` from this period's and the previous period's answers. */
export type FigureSpec<K extends string> = { key: K; label: string; kind: FigureKind; better: Better };

/** The figures of a section, each read by its key from both periods' answers. */
export function figuresOf<K extends string>(
  current: Record<K, number | null>,
  previous: Record<K, number | null>,
  specs: readonly FigureSpec<K>[],
): Figure[] {
  return specs.map((f) => ({ ...f, current: current[f.key], previous: previous[f.key] }));
}

/** A report's headline figures, each beside the previous period's value and the change. */
export function FigureTable({ label, figures }: { label: string; figures: readonly Figure[] }) {
  const t = useT();
  return (
    <table className="report-table report-figures" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{t('reports.col.figure')}</th>
          <th scope="col">{t('reports.col.current')}</th>
          <th scope="col">{t('reports.col.previous')}</th>
          <th scope="col">{t('reports.col.change')}</th>
        </tr>
      </thead>
      <tbody>
        {figures.map((f) => (
          <tr key={f.key} data-figure={f.key}>
            <th scope="row">{f.label}</th>
            <td data-testid="report-current">{formatFigure(t, f.current, f.kind)}</td>
            <td data-testid="report-previous">{formatFigure(t, f.previous, f.kind)}</td>
            <td>
              <ChangeBadge change={changeOf(f.current, f.previous, f.kind)} better={f.better} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
