/**
 * Prints one figure in the stable, greppable form `name: value unit` (plus budget verdict).
 * Only ratios measured in the same run (unit `x`) and deterministic counts (`rows`) gate the run:
 * an absolute time on a shared, noisy machine is printed against its target but never fails it.
 */
export function report(
  name: string,
  value: number,
  unit: string,
  budget?: { max: number } | { min: number },
): boolean {
  const shown = Number.isInteger(value)
    ? String(value)
    : value < 0.01
      ? value.toPrecision(2)
      : value.toFixed(value < 10 ? 2 : 1);
  const gates = unit === 'x' || unit === 'rows';
  const within = !budget || ('max' in budget ? value <= budget.max : value >= budget.min);
  const limit = budget && ('max' in budget ? `${budget.max}` : `≥ ${budget.min}`);
  const verdict = budget
    ? ` (${gates ? 'budget' : 'target'} ${limit} ${unit}: ${within ? 'ok' : gates ? ('max' in budget ? 'OVER' : 'UNDER') : 'over, not gated'})`
    : '';
  console.log(`${name}: ${shown} ${unit}${verdict}`);
  return !gates || within;
}

/** Median of run times in ms after warm-up runs. */
/** As `medianMs`, for work that resolves later (each run awaited before the next). */
export async function medianMsAsync(
  fn: () => Promise<unknown>,
  { warmup = 3, runs = 15 } = {},
): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function medianMs(fn: () => unknown, { warmup = 3, runs = 15 } = {}): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
