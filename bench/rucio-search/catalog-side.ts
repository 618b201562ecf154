import { mkdirSync } from "node:fs";
import pg from "pg";
import { migrate } from "../../prisma/migrate";
import type { SearchResult } from "../../portal/lib/api-responses";
import { runIndexer } from "../../portal/server/catalog/indexer/run-indexer";
import { createCatalogSearch, MAX_LIMIT } from "../../portal/server/catalog/search/search";
import { connectDatabase, type DatabaseConnection } from "../../portal/server/db/client";
import { ADMIN_URL } from "../search/bench-database";
import { REPO_ROOT } from "../../testing/repo-root";
import { BENCH_POSTGRES_DB, bench, CATALOG_URL, SCOPE } from "./bench-env";

/** The portal's first page: what someone who searches waits for (its total is estimated above ~2,000 hits). */
export const FIRST_PAGE = 50;

async function ensurePostgresDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [BENCH_POSTGRES_DB]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${BENCH_POSTGRES_DB}"`);
  } finally {
    await admin.end();
  }
}

export interface IndexingReport {
  /** DIDs this run read from Rucio (an incremental run re-reads those created shortly before the last run). */
  read: number;
  /** Of those, the DIDs new or changed since the last run. */
  written: number;
  seconds: number;
  /** Rows of SCOPE in the catalog afterwards. */
  rows: number;
}

/**
 * The scratch catalog, filled from the local Rucio by the portal's own indexer: the first run reads the
 * whole scope, later runs what Rucio created since the last one (from the indexer's checkpoint, with its
 * overlap of 10 minutes).
 */
export async function indexedCatalog(): Promise<{ connection: DatabaseConnection; indexing: IndexingReport }> {
  mkdirSync(`${REPO_ROOT}.local/bench`, { recursive: true });
  if (bench.dialect === "postgres") await ensurePostgresDatabase();
  await migrate({ databaseUrl: CATALOG_URL, log: () => undefined });
  const connection = connectDatabase(CATALOG_URL);
  const started = performance.now();
  const result = await runIndexer(connection, { instances: ["default"], scopes: [SCOPE] });
  const [progress] = result.scopes;
  if (result.errors.length || progress?.phase !== "done")
    throw new Error(`indexing ${SCOPE} failed: ${JSON.stringify({ errors: result.errors, progress })}`);
  const rows = await connection.client.did.count({ where: { instance: "default", scope: SCOPE } });
  const seconds = (performance.now() - started) / 1000;
  const indexing = { read: progress.done - progress.resumedAt, written: progress.written, seconds, rows };
  return { connection, indexing };
}

/**
 * A new search instance per measurement, so no counts are cached from an earlier one, as in a portal
 * process that has not seen the query before.
 */
export function catalogSearcher(connection: DatabaseConnection) {
  return {
    firstPage: (q: string): Promise<SearchResult> =>
      createCatalogSearch(connection).search({ q, sort: "newest", limit: FIRST_PAGE }),
    /** Every hit, page after page through the keyset cursor at the largest page the API allows. */
    async allNames(q: string): Promise<string[]> {
      const search = createCatalogSearch(connection);
      const names: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await search.search({ q, sort: "newest", limit: MAX_LIMIT, cursor });
        for (const item of page.items) names.push(item.name);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return names;
    },
  };
}
