/** Latency samples of one measured path and their percentiles (nearest-rank). */
export class Latencies {
  readonly samples: number[] = [];

  add(ms: number): void {
    this.samples.push(ms);
  }

  percentile(p: number): number {
    const sorted = [...this.samples].sort((a, b) => a - b);
    if (sorted.length === 0) return Number.NaN;
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  }

  summary(): { n: number; p50: number; p95: number; p99: number; max: number } {
    return {
      n: this.samples.length,
      p50: this.percentile(50),
      p95: this.percentile(95),
      p99: this.percentile(99),
      max: this.percentile(100),
    };
  }
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

const cell = (value: string | number, width: number) => String(value).padStart(width);
export const fmt = (ms: number) => (Number.isNaN(ms) ? "-" : ms < 10 ? ms.toFixed(1) : ms.toFixed(0));
/** a ÷ b as "N×": two significant digits below 10, whole numbers above. */
export const ratio = (a: number, b: number) => `${a / b >= 10 ? (a / b).toFixed(0) : (a / b).toPrecision(2)}×`;

/** A Markdown table of percentile rows. */
export function percentileTable(rows: { label: string; latencies: Latencies }[]): string {
  const lines = ["| path | requests | p50 ms | p95 ms | p99 ms | max ms |", "|---|---:|---:|---:|---:|---:|"];
  for (const { label, latencies } of rows) {
    const s = latencies.summary();
    lines.push(
      `| ${label} | ${s.n} | ${cell(fmt(s.p50), 6)} | ${cell(fmt(s.p95), 6)} | ${cell(fmt(s.p99), 6)} | ${cell(fmt(s.max), 6)} |`,
    );
  }
  return lines.join("\n");
}
