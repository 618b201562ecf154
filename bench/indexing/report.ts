// The indexing benchmark's report: one table row per phase (the median of its runs), the Rucio calls alone,
// and each end-to-end run as a fraction of Rucio's bulk metadata rate measured in the same benchmark run.

/** What phase.ts prints for an indexing or insert phase. */
export interface Measured {
  dids: number;
  seconds: number;
  perSecond: number;
  /** CPU of the indexer's own process (SQLite runs inside it) per DID. */
  nodeCpuMicrosPerDid: number;
  /** CPU of the PostgreSQL backends serving it per DID; null on SQLite. */
  dbCpuMicrosPerDid: number | null;
  peakRssMb: number;
  /** The longest the event loop stalled during the run (indexing phases). */
  eventLoopMaxMs?: number;
  /** 1-minute load average when the phase started and when it ended. */
  load: [number, number];
  mode?: string;
  bulk?: boolean;
  rows?: number;
  loadSeconds?: number | null;
}

export interface RucioResult {
  dids: number;
  listingPerSecond: number;
  bulkmetaPerSecond: number;
  bulkfilesPerSecond: number;
  bulkfilesRecords: number;
  nodeParseAndMapMicrosPerDid: number;
  load: [number, number];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const count = (value: number) => Math.round(value).toLocaleString("en-US");
const rate = (value: number) => `${count(value)}/s`;

function row(label: string, runs: Measured[], bulkmetaPerSecond: number | null): string {
  const rates = runs.map((run) => run.perSecond);
  const middle = median(rates);
  const range = runs.length > 1 ? ` (${count(Math.min(...rates))}–${count(Math.max(...rates))})` : "";
  const dbCpu = runs.map((run) => run.dbCpuMicrosPerDid).filter((value): value is number => value !== null);
  const loads = runs.flatMap((run) => run.load);
  const stalls = runs.map((run) => run.eventLoopMaxMs).filter((value): value is number => value !== undefined);
  const ratio =
    bulkmetaPerSecond && label.startsWith("(b)") ? ` = ${(middle / bulkmetaPerSecond).toFixed(2)}× bulkmeta` : "";
  return (
    `| ${label} | ${count(median(runs.map((run) => run.dids)))} | ${median(runs.map((run) => run.seconds)).toFixed(2)} s ` +
    `| ${rate(middle)}${range}${ratio} | ${median(runs.map((run) => run.nodeCpuMicrosPerDid)).toFixed(0)} µs ` +
    `| ${dbCpu.length ? `${median(dbCpu).toFixed(0)} µs` : "–"} | ${Math.max(...runs.map((run) => run.peakRssMb))} MB ` +
    `| ${stalls.length ? `${Math.max(...stalls).toFixed(0)} ms` : "–"} ` +
    `| ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} |`
  );
}

export function report(
  samples: Map<string, Measured[]>,
  rounds: RucioResult[],
  context: { machine: string; repeat: number; loads: [number, number] },
): string {
  const of = (pick: (stage: RucioResult) => number) => median(rounds.map(pick));
  const bulkmeta = rounds.length ? of((stage) => stage.bulkmetaPerSecond) : null;
  const table = [
    "| phase | DIDs | time | rate (median; range) | indexer CPU per DID | PostgreSQL backends CPU per DID | peak RSS | longest event-loop stall | load avg |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...[...samples].map(([label, runs]) => row(label, runs, bulkmeta)),
  ].join("\n");
  const loads = rounds.flatMap((stage) => stage.load);
  const bulkmetaRates = rounds.map((stage) => stage.bulkmetaPerSecond);
  const breakdown = rounds.length
    ? `Each Rucio call alone (batches of 1000, 4 in flight; medians of ${rounds.length} rounds, one before each ` +
      `round of (b); load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}): listing names ` +
      `${rate(of((stage) => stage.listingPerSecond))}, POST /dids/bulkmeta ${rate(bulkmeta ?? 0)} ` +
      `(${count(Math.min(...bulkmetaRates))}–${count(Math.max(...bulkmetaRates))}), POST /dids/bulkfiles ` +
      `${rate(of((stage) => stage.bulkfilesPerSecond))}; Node's own parsing and mapping ` +
      `${of((stage) => stage.nodeParseAndMapMicrosPerDid).toFixed(1)} µs per DID.`
    : "";
  const conditions =
    `Machine: ${context.machine}; phases run ${context.repeat}× each (counting open collections once), ` +
    `interleaved; 1-minute load average ` +
    `${context.loads[0].toFixed(1)} at the start, ${context.loads[1].toFixed(1)} at the end.`;
  return [table, breakdown, conditions].filter(Boolean).join("\n\n");
}
