/** Prints one figure in the stable, greppable form `name: value unit` (plus budget verdict). */
export function report(name: string, value: number, unit: string, budget?: { max: number }): boolean {
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
  const verdict = budget
    ? value <= budget.max
      ? ` (budget ${budget.max} ${unit}: ok)`
      : ` (budget ${budget.max} ${unit}: OVER)`
    : '';
  console.log(`${name}: ${shown} ${unit}${verdict}`);
  return !budget || value <= budget.max;
}

/** Median of run times in ms after warm-up runs. */
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
