import { useT } from '../../i18n/use-t';
import { describeChange, formatChange, toneOf, type Better, type Change } from './report-format';

/** A figure's change against the previous period: an arrow and an amount, coloured as good or bad news, with words for screen readers. */
export function ChangeBadge({ change, better }: { change: Change | null; better: Better }) {
  const t = useT();
  return (
    <span className={`report-change report-change--${toneOf(change, better)}`} data-testid="report-change" title={describeChange(t, change)}>
      <span aria-hidden="true">{formatChange(t, change)}</span>
      <span className="visually-hidden">{describeChange(t, change)}</span>
    </span>
  );
}
