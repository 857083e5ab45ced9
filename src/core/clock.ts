// The one clock formatter for offsets and durations shown to users: `m:ss`, or `h:mm:ss` past an hour.

export interface ClockOptions {
  /** `m:ss` with the minutes running past 59 (`75:00`) instead of `h:mm:ss`: the live position readout. */
  readonly minutesOnly?: boolean;
}

/** `0:05`, `12:34`, `1:02:03`; `--:--` for an unknown time. */
export function formatClock(ms: number | undefined, options: ClockOptions = {}): string {
  if (ms === undefined) return '--:--';
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = options.minutesOnly ? 0 : Math.floor(total / 3600);
  const m = Math.floor((total - h * 3600) / 60);
  const s = pad2(total % 60);
  return h > 0 ? `${h}:${pad2(m)}:${s}` : `${m}:${s}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
