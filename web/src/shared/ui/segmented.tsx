/** A row of pressed/unpressed buttons choosing one value (a period, a grouping, a status). */
import "./page.css";

export interface SegmentedProps<V extends string> {
  /** Names the group. */
  label: string;
  options: readonly (V | { id: V; label: string })[];
  value: V;
  onChange: (value: V) => void;
  disabled?: boolean;
  /** Each button's `data-testid` is `<prefix>-<value>`. */
  testIdPrefix?: string;
}

export function Segmented<V extends string>({
  label,
  options,
  value,
  onChange,
  disabled,
  testIdPrefix,
}: SegmentedProps<V>) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {options.map((o) => {
        const { id, label: text } = typeof o === "string" ? { id: o, label: o } : o;
        return (
          <button
            key={id}
            type="button"
            aria-pressed={id === value}
            disabled={disabled}
            onClick={() => onChange(id)}
            data-testid={testIdPrefix && `${testIdPrefix}-${id}`}
          >
            {text}
          </button>
        );
      })}
    </div>
  );
}
