import { useT } from '../../i18n/use-t';
import { SelectField } from '../common/SelectField';
import { periodPresets, presetPeriod, type PeriodPreset, type PickedPeriod } from './report-period';

/** The period: a preset (today, last 7 or 30 days, this month), or any from/to days typed in. */
export function ReportPeriodPicker({ period, today, onChange }: { period: PickedPeriod; today: string; onChange(period: PickedPeriod): void }) {
  const t = useT();
  return (
    <>
      <SelectField<PeriodPreset | 'custom'>
        id="report-period"
        label={t('reports.period')}
        value={period.preset}
        options={[...periodPresets.map((p) => ({ value: p, label: t(`reports.period.${p}`) })), { value: 'custom', label: t('reports.period.custom') }]}
        onChange={(preset) => onChange(preset === 'custom' ? { ...period, preset } : presetPeriod(preset, today))}
      />
      <div className="field">
        <label htmlFor="report-from">{t('reports.from')}</label>
        <input id="report-from" type="date" value={period.fromDay} max={today} onChange={(e) => onChange({ preset: 'custom', fromDay: e.target.value, toDay: period.toDay })} />
      </div>
      <div className="field">
        <label htmlFor="report-to">{t('reports.to')}</label>
        <input id="report-to" type="date" value={period.toDay} onChange={(e) => onChange({ preset: 'custom', fromDay: period.fromDay, toDay: e.target.value })} />
      </div>
    </>
  );
}
