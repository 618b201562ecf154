import type { TranslationBundle } from "@jupyterlab/translation";
import type { StagingState } from "@rucio-catalog/protocol";

/** One staging request as the status bar shows it: a download this server runs, or portal-reported. */
export interface ProgressItem {
  key: string;
  requestId: string | null;
  label: string;
  state: StagingState;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  error: string | null;
  /** milliseconds since the epoch */
  updatedAt: number;
}

export interface IProgressSummary {
  text: string;
  title: string;
  percent: number;
  state: "active" | "done" | "failed";
}

/** Finished requests stay in the status bar this long, so a finished download shows its 100 %. */
export const RECENT_MS = 10 * 60 * 1000;

const ACTIVE: ReadonlySet<StagingState> = new Set(["pending", "staging"]);

export function formatBytes(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB", "PB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

function totals(items: ProgressItem[]) {
  return items.reduce(
    (sum, i) => ({
      filesDone: sum.filesDone + i.filesDone,
      filesTotal: sum.filesTotal + i.filesTotal,
      bytesDone: sum.bytesDone + i.bytesDone,
      bytesTotal: sum.bytesTotal + i.bytesTotal,
    }),
    { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0 },
  );
}

/** Bytes decide the percentage when known (files differ in size); it only reads 100 when all is done. */
export function percentOf(t: { filesDone: number; filesTotal: number; bytesDone: number; bytesTotal: number }): number {
  const fraction = t.bytesTotal > 0 ? t.bytesDone / t.bytesTotal : t.filesTotal > 0 ? t.filesDone / t.filesTotal : 0;
  const complete =
    t.filesDone === t.filesTotal && t.bytesDone === t.bytesTotal && (t.filesTotal > 0 || t.bytesTotal > 0);
  return complete ? 100 : Math.min(99, Math.floor(fraction * 100));
}

/** A staging state in the user's language (literal msgids, so gettext extraction finds them). */
export function stagingStateText(state: StagingState, trans: TranslationBundle): string {
  const texts: Record<StagingState, string> = {
    pending: trans.__("pending"),
    staging: trans.__("staging"),
    done: trans.__("done"),
    failed: trans.__("failed"),
    cancelled: trans.__("cancelled"),
  };
  return texts[state];
}

const describe = (i: ProgressItem, trans: TranslationBundle) => {
  const line = trans.__(
    "%1: %2, %3/%4 files, %5 of %6",
    i.label,
    stagingStateText(i.state, trans),
    i.filesDone,
    i.filesTotal,
    formatBytes(i.bytesDone),
    formatBytes(i.bytesTotal),
  );
  return i.error ? `${line} (${i.error})` : line;
};

/**
 * What the status bar says: the active requests added up; with none active, the requests that
 * finished in the last minutes (failed ones first); null when there is nothing to show.
 */
export function summarizeProgress(
  items: readonly ProgressItem[],
  now: number,
  trans: TranslationBundle,
): IProgressSummary | null {
  const active = items.filter((i) => ACTIVE.has(i.state));
  const shown =
    active.length > 0 ? active : items.filter((i) => !ACTIVE.has(i.state) && now - i.updatedAt <= RECENT_MS);
  if (shown.length === 0) {
    return null;
  }
  const title = [...shown.map((i) => describe(i, trans)), trans.__("Click to open the staging history.")].join("\n");
  const failed = shown.filter((i) => i.state === "failed");
  if (active.length === 0 && failed.length > 0) {
    const text = trans._n("Rucio: %1 staging request failed", "Rucio: %1 staging requests failed", failed.length);
    return { text, title, percent: 0, state: "failed" };
  }
  const t = totals(active.length > 0 ? active : shown.filter((i) => i.state === "done"));
  const percent = percentOf(t);
  const text = trans.__(
    "Rucio: %1/%2 files · %3/%4 · %5%",
    t.filesDone,
    t.filesTotal,
    formatBytes(t.bytesDone),
    formatBytes(t.bytesTotal),
    percent,
  );
  return { text, title, percent, state: active.length > 0 ? "active" : "done" };
}
