import type { RunMode } from "./run-plan";

/**
 * Progress of one scope's run as the CLI's bar and the portal's status show it. Plain data and pure
 * arithmetic (no server-only import), so the browser can format it too.
 */
export type IndexPhase = "indexing" | "publishing" | "sweeping" | "done" | "failed" | "skipped";

export interface ScopeProgress {
  instance: string;
  scope: string;
  mode: RunMode;
  /** A first index on the bulk path: DIDs are loaded, then published into the catalog in large chunks. */
  bulk?: boolean;
  /** 1 for a new run; more when it resumes an interrupted one. */
  attempt: number;
  phase: IndexPhase;
  /** DIDs the run has read from Rucio and written or confirmed, over all its attempts. */
  done: number;
  /** Of `done`, those committed by earlier, interrupted attempts (0 for a new run). */
  resumedAt: number;
  /** DIDs inserted or rewritten because they changed (on the bulk path: when published). */
  written: number;
  /** Rows removed by the full sweep's reconciliation (DIDs gone from Rucio). */
  deleted: number;
  /** DIDs the run will have done: exact once Rucio's listing has ended, else an estimate, or null. */
  total: number | null;
  totalExact: boolean;
  /** DIDs per second over the last few seconds of this attempt. */
  ratePerSecond: number;
  etaSeconds: number | null;
  elapsedMs: number;
  /** Why the run failed or was skipped. */
  message?: string;
}

/** Rate over a sliding window of (time, count) samples, so the ETA follows the current pace. */
export class RateMeter {
  private samples: { at: number; count: number }[] = [];

  constructor(
    private readonly windowMs = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  record(count: number): void {
    const at = this.clock();
    this.samples.push({ at, count });
    while (this.samples.length > 2 && (this.samples[1]?.at ?? at) <= at - this.windowMs) this.samples.shift();
  }

  /** Items per second between the oldest and newest sample in the window; 0 until time has passed. */
  perSecond(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at <= first.at) return 0;
    return ((last.count - first.count) * 1000) / (last.at - first.at);
  }
}

/** Seconds left at `ratePerSecond`, or null when unknown (no total, or no pace yet). */
export function etaSeconds(done: number, total: number | null, ratePerSecond: number): number | null {
  if (total === null || ratePerSecond <= 0) return null;
  return Math.max(0, Math.ceil((total - done) / ratePerSecond));
}

/**
 * What the run is expected to reach: the listing's count once it ended; before that, the larger of
 * what was listed so far and an estimate (the scope's rows in the catalog, for a full sweep).
 */
export function expectedTotal(
  listed: number,
  listingComplete: boolean,
  estimate: number | null,
): { total: number | null; exact: boolean } {
  if (listingComplete) return { total: listed, exact: true };
  const total = Math.max(listed, estimate ?? 0);
  return { total: total > 0 ? total : null, exact: false };
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function formatCount(value: number): string {
  return integer.format(value);
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

/** `[#######-------]` for a fraction between 0 and 1. */
export function progressBar(fraction: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
}

/** One line of text for a scope's progress: `default/data18_13TeV full 12,000/50,000 4,100/s ETA 9s`. */
export function formatProgress(progress: ScopeProgress, options: { barWidth?: number } = {}): string {
  const resumed =
    progress.attempt > 1 ? ` (resumed at ${formatCount(progress.resumedAt)}, attempt ${progress.attempt})` : "";
  const label = `${progress.instance}/${progress.scope} ${progress.mode}${progress.bulk ? " bulk" : ""}${resumed}`;
  if (progress.phase === "skipped") return `${label}: skipped, ${progress.message ?? ""}`.trimEnd();
  if (progress.phase === "indexing" && progress.done === progress.resumedAt && progress.elapsedMs < 1000)
    return `${label}: started`;
  const counted =
    progress.total !== null
      ? `${formatCount(progress.done)}/${progress.totalExact ? "" : "~"}${formatCount(progress.total)}`
      : formatCount(progress.done);
  const parts = [label];
  if (options.barWidth && progress.total) parts.push(progressBar(progress.done / progress.total, options.barWidth));
  parts.push(`${counted} DIDs`, `${formatCount(progress.ratePerSecond)}/s`);
  if (progress.phase === "indexing" && progress.etaSeconds !== null)
    parts.push(`ETA ${formatDuration(progress.etaSeconds)}`);
  if (progress.phase === "publishing") parts.push("moving the loaded DIDs into the catalog");
  if (progress.phase === "sweeping") parts.push("removing DIDs gone from Rucio");
  parts.push(`written ${formatCount(progress.written)}`);
  if (progress.deleted) parts.push(`deleted ${formatCount(progress.deleted)}`);
  if (progress.phase === "done") parts.push(`done in ${(progress.elapsedMs / 1000).toFixed(1)}s`);
  if (progress.phase === "failed") parts.push(`FAILED: ${progress.message ?? "unknown error"}`);
  return parts.join("  ");
}
