export interface SelectOption<V extends string> {
  value: V;
  label: string;
}

interface SelectFieldProps<V extends string> {
  id: string;
  label: string;
  value: V;
  options: readonly SelectOption<V>[];
  /** The wrapper's class name (`field` unless given). */
  className?: string;
  testId?: string;
  describedBy?: string;
  disabled?: boolean;
  /** Called with the chosen option's value, typed as the options are. */
  onChange(value: V): void;
}

/** A labelled <select> in a wrapper, offering the given options in order. */
export function SelectField<V extends string>({ id, label, value, options, className = 'field', testId, describedBy, disabled, onChange }: SelectFieldProps<V>) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-testid={testId}
        value={value}
        aria-describedby={describedBy}
        disabled={disabled}
        onChange={(e) => {
          const chosen = options.find((o) => o.value === e.target.value);
          if (chosen) onChange(chosen.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
