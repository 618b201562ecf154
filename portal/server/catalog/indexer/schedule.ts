import "server-only";
import type { DatabaseConnection } from "@/server/db/client";
import { formatProgress } from "./progress";
import { isIndexerRunning, runIndexer, type IndexRunResult } from "./run-indexer";

export interface Schedule {
  /** Stops the schedule, interrupting a run in progress (its checkpoint records it); resolves once it ended. */
  stop(): Promise<void>;
}

/** A summary line per run for the portal's log: what ran, what failed. */
export function describeRun(result: IndexRunResult): string[] {
  return [
    ...result.scopes
      .filter((scope) => scope.phase !== "done" || scope.written || scope.deleted)
      .map((scope) => formatProgress(scope)),
    ...result.errors.map((error) => `${error.instance}${error.scope ? `/${error.scope}` : ""}: ${error.message}`),
    `indexing run finished in ${(result.elapsedMs / 1000).toFixed(1)}s: ${result.scopes.length} scope(s), ` +
      `${result.scopes.filter((scope) => scope.phase === "failed").length} failed, ${result.errors.length} error(s)`,
  ];
}

/**
 * Indexes the catalog every `intervalSeconds` inside the portal process. Each run waits for the previous
 * one to end (a timeout chain, not an interval), and scopes another replica holds are skipped by their
 * lease, so any number of replicas can run the schedule.
 */
export function startScheduledIndexing(
  database: DatabaseConnection,
  intervalSeconds: number,
  log: Pick<Console, "info" | "error"> = console,
  firstRunDelayMs = 5_000,
  /** Work that follows each run (watched searches); its failure is logged and the schedule goes on. */
  afterRun?: () => Promise<void>,
): Schedule {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> = Promise.resolve();

  const tick = async () => {
    if (!isIndexerRunning()) {
      try {
        const result = await runIndexer(database, { signal: controller.signal });
        for (const line of describeRun(result)) log.info(`[catalog indexer] ${line}`);
        if (afterRun && !result.interrupted) await afterRun();
      } catch (error) {
        log.error("[catalog indexer] run failed:", error);
      }
    }
    if (!controller.signal.aborted) schedule(intervalSeconds * 1000);
  };
  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      current = tick();
    }, delayMs);
    timer.unref?.();
  };

  schedule(firstRunDelayMs);
  log.info(`[catalog indexer] scheduled every ${intervalSeconds}s`);
  return {
    stop() {
      clearTimeout(timer);
      controller.abort(new Error("indexing schedule stopped"));
      return current;
    },
  };
}
