/**
 * Progress arithmetic shared by the tracker, the API and the progress bars.
 */

/** Whole percent done, 100 only when everything is done; null when the total is unknown. */
export function percentDone(done: number, total: number | null | undefined): number | null {
  if (total === null || total === undefined || total < 0) return null;
  if (total === 0 || done >= total) return 100;
  return Math.max(0, Math.min(99, Math.floor((done * 100) / total)));
}

export interface ProgressCounts {
  filesDone: number;
  filesTotal: number | null;
  bytesDone: number;
  bytesTotal: number | null;
}

/**
 * Whether moving from `before` to `after` is a point of the request's progress over time: a new whole
 * percent of its bytes (of its files while the byte total is unknown). A request so records about a
 * hundred points however long it runs and however often its executor reports.
 */
export function isProgressStep(before: ProgressCounts, after: ProgressCounts): boolean {
  if (before.bytesDone === after.bytesDone && before.filesDone === after.filesDone) return false;
  const share = (counts: ProgressCounts) =>
    counts.bytesTotal !== null
      ? percentDone(counts.bytesDone, counts.bytesTotal)
      : percentDone(counts.filesDone, counts.filesTotal);
  const [from, to] = [share(before), share(after)];
  return from === null || to === null || from !== to;
}

/**
 * Seconds left at the average rate since the start, or null when there is nothing to go on
 * (no bytes yet, unknown total, finished).
 */
export function secondsLeft(
  bytesDone: number,
  bytesTotal: number | null,
  startedAt: Date | null,
  now: Date,
): number | null {
  if (!startedAt || bytesTotal === null || bytesDone <= 0 || bytesDone >= bytesTotal) return null;
  const elapsedSeconds = (now.getTime() - startedAt.getTime()) / 1000;
  if (elapsedSeconds <= 0) return null;
  return Math.ceil((bytesTotal - bytesDone) / (bytesDone / elapsedSeconds));
}

/** "45 s", "3 min", "2 h 05 min". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

export interface LockLike {
  scope: string;
  name: string;
  state: string;
}

export interface LockProgress {
  filesOk: number;
  filesReplicating: number;
  filesStuck: number;
  bytesOk: number;
  /** OK files whose size is unknown (not in `sizes`). */
  unsizedOk: number;
}

export const fileKey = (scope: string, name: string) => `${scope}:${name}`;

/** Files and bytes of a rule from its locks (one per file and RSE) and the files' sizes. */
export function progressOfLocks(locks: Iterable<LockLike>, sizes: ReadonlyMap<string, number | null>): LockProgress {
  const progress: LockProgress = { filesOk: 0, filesReplicating: 0, filesStuck: 0, bytesOk: 0, unsizedOk: 0 };
  for (const lock of locks) {
    if (lock.state === "OK") {
      progress.filesOk += 1;
      const size = sizes.get(fileKey(lock.scope, lock.name));
      if (size === null || size === undefined) progress.unsizedOk += 1;
      else progress.bytesOk += size;
    } else if (lock.state === "STUCK") {
      progress.filesStuck += 1;
    } else {
      progress.filesReplicating += 1;
    }
  }
  return progress;
}

/**
 * Delay before the next poll: the base interval while things move, growing by half per quiet poll
 * (a rule with no news) and doubling per failed one (Rucio unreachable), never above the maximum.
 */
export function nextPollDelayMs(
  quietPolls: number,
  failures: number,
  intervalMs: number,
  maxIntervalMs: number,
): number {
  const growth = Math.max(1.5 ** Math.min(quietPolls, 40), 2 ** Math.min(failures, 30));
  return Math.round(Math.min(maxIntervalMs, intervalMs * growth));
}
