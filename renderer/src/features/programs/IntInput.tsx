/** A whole number typed in a small box; empty = none. */
export function IntInput({ id, value, onChange, min, max, width = 6, describedBy, ariaLabel }: {
  readonly id: string;
  readonly value: number | null;
  readonly onChange: (next: number | null) => void;
  readonly min?: number;
  readonly max?: number;
  readonly width?: number;
  readonly describedBy?: string;
  /** Names the box when no visible label does (a table cell). */
  readonly ariaLabel?: string;
}) {
  return (
    <input
      id={id}
      type="number"
      inputMode="numeric"
      className="text-input cr-int"
      style={{ width: `${width + 4}ch` }}
      min={min}
      max={max}
      step={1}
      value={value ?? ''}
      aria-describedby={describedBy}
      aria-label={ariaLabel}
      onChange={(e) => {
        const v = e.target.value.trim();
        if (v === '') onChange(null);
        else if (/^-?\d+$/.test(v)) onChange(Number(v));
      }}
    />
  );
}
