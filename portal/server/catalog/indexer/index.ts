import "server-only";
import { databaseProvider, db, type DatabaseConnection } from "@/server/db/client";
import { runIndexer, type IndexRunOptions, type IndexRunResult } from "./run-indexer";
import { startScheduledIndexing as startSchedule, type Schedule } from "./schedule";
import { getIndexStatus as readIndexStatus, type IndexStatus } from "./status";

// The catalog indexer's public API for the portal; the CLI and the tests pass their own database.
export type { IndexRunOptions, IndexRunResult } from "./run-indexer";
export type { IndexStatus, ScopeIndexStatus } from "./status";
export type { IndexPhase, ScopeProgress } from "./progress";
export type { IndexerSettings } from "./scope-indexer";

const appDatabase = (): DatabaseConnection => ({ client: db, provider: databaseProvider });

/** Indexes every configured Rucio instance into the portal's catalog (see run-indexer.ts). */
export function indexCatalog(options: IndexRunOptions = {}): Promise<IndexRunResult> {
  return runIndexer(appDatabase(), options);
}

/** Indexing progress and history per scope, for the UI. */
export function getIndexStatus(): Promise<IndexStatus> {
  return readIndexStatus(appDatabase());
}

/**
 * Starts the portal's scheduled indexing (instrumentation.ts does, when CATALOG_INDEX_INTERVAL_SECONDS > 0);
 * `afterRun` follows each run.
 */
export function startScheduledIndexing(intervalSeconds: number, afterRun?: () => Promise<void>): Schedule {
  return startSchedule(appDatabase(), intervalSeconds, console, undefined, afterRun);
}
