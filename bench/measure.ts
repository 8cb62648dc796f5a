/** Small timing helpers: the median of several repetitions, after a warm-up. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function time(fn: () => void, reps = 15, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return median(out);
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: number;
  note?: string;
}

export function report(figures: Figure[]): boolean {
  let ok = true;
  for (const f of figures) {
    const pass = f.target === undefined ? null : f.value <= f.target;
    if (pass === false) ok = false;
    const target = f.target === undefined ? '' : `  (target ≤ ${f.target} ${f.unit}: ${pass ? 'PASS' : 'MISS'})`;
    console.log(`  ${f.name.padEnd(58)} ${f.value.toFixed(f.value < 10 ? 2 : 1).padStart(9)} ${f.unit}${target}${f.note ? `  ${f.note}` : ''}`);
  }
  return ok;
}
