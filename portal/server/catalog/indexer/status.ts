import "server-only";
import type { DatabaseConnection } from "@/server/db/client";
import type { CheckpointState } from "@/lib/db/values";
import { etaSeconds, expectedTotal } from "./progress";
import { parseCursor, type RunMode } from "./run-plan";

/** Where indexing stands for one scope, read from its checkpoint (any process's run, e.g. another replica's). */
export interface ScopeIndexStatus {
  instance: string;
  scope: string;
  state: CheckpointState;
  /** A run holds the scope's lease right now. */
  running: boolean;
  /** The unfinished run, when there is one (running or interrupted). */
  run: {
    mode: RunMode;
    attempt: number;
    done: number;
    written: number;
    total: number | null;
    totalExact: boolean;
    ratePerSecond: number;
    etaSeconds: number | null;
  } | null;
  /** Rows of this scope in the catalog. */
  dids: number;
  startedAt: string | null;
  finishedAt: string | null;
  lastFullSweepAt: string | null;
  error: string | null;
}

export interface IndexStatus {
  scopes: ScopeIndexStatus[];
  running: boolean;
  dids: number;
}

const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

export async function getIndexStatus(database: DatabaseConnection, now = new Date()): Promise<IndexStatus> {
  const db = database.client;
  const [checkpoints, counts] = await Promise.all([
    db.indexCheckpoint.findMany({ orderBy: [{ instance: "asc" }, { scope: "asc" }] }),
    db.did.groupBy({ by: ["instance", "scope"], _count: { _all: true } }),
  ]);
  const countOf = new Map(counts.map((row) => [`${row.instance}\u0000${row.scope}`, row._count._all]));
  const scopes = checkpoints.map((checkpoint): ScopeIndexStatus => {
    const running = checkpoint.state === "RUNNING" && !!checkpoint.leaseExpiresAt && checkpoint.leaseExpiresAt > now;
    const cursor = parseCursor(checkpoint.cursor);
    let run: ScopeIndexStatus["run"] = null;
    if (cursor) {
      const { total, exact } = expectedTotal(cursor.listed, cursor.listingComplete, null);
      const elapsedMs = checkpoint.startedAt ? checkpoint.updatedAt.getTime() - checkpoint.startedAt.getTime() : 0;
      const rate = elapsedMs > 0 ? ((checkpoint.didsSeen - cursor.seenAtAttemptStart) * 1000) / elapsedMs : 0;
      run = {
        mode: cursor.mode,
        attempt: cursor.attempt,
        done: checkpoint.didsSeen,
        written: checkpoint.didsWritten,
        total,
        totalExact: exact,
        ratePerSecond: rate,
        etaSeconds: running ? etaSeconds(checkpoint.didsSeen, total, rate) : null,
      };
    }
    return {
      instance: checkpoint.instance,
      scope: checkpoint.scope,
      state: checkpoint.state as CheckpointState,
      running,
      run,
      dids: countOf.get(`${checkpoint.instance}\u0000${checkpoint.scope}`) ?? 0,
      startedAt: isoOrNull(checkpoint.startedAt),
      finishedAt: isoOrNull(checkpoint.finishedAt),
      lastFullSweepAt: isoOrNull(checkpoint.lastFullSweepAt),
      error: checkpoint.error,
    };
  });
  return {
    scopes,
    running: scopes.some((scope) => scope.running),
    dids: scopes.reduce((sum, scope) => sum + scope.dids, 0),
  };
}
