import "server-only";
import type { DatabaseConnection } from "@/server/db/client";
import { parseQuery } from "@/lib/catalog/query";
import type { SearchResult } from "@/lib/api-responses";
import type { SearchRequest } from "@/lib/catalog/types";
import { compileFilter, type Filter } from "./compile";
import { decodeCursor, encodeCursor } from "./cursor";
import { HITS_FIRST_MAX, type PagePlan, readPage, WALK_BUDGET } from "./page";
import { segmentsFor } from "./sorts";
import type { SqliteReaders } from "./sqlite-readers";
import { createStatementRunner, type Deadline, deadlineAfter } from "./statements";
import { type RunQuery, type Summary, summarize, summarizeCatalog } from "./summary";

export const MAX_LIMIT = 200;

/** How long counts stay cached when the catalog seems unchanged (rows written other than by the indexer). */
const SUMMARY_TTL_MS = 60_000;
const SUMMARY_CACHE_SIZE = 500;

/** `value` once `summary` resolved; `previous` the last value of this query, served while a full scan runs. */
type Entry = { stamp: string; at: number; summary: Promise<Summary>; value: Summary | null; previous: Summary | null };

function pagePlan(filter: Filter, summary: Summary): PagePlan {
  return filter.unfiltered || summary.total.value > HITS_FIRST_MAX ? "adaptive" : "hits";
}

export interface CatalogSearch {
  /** `stamp`: the catalog's stamp when the caller has just read it (for an ETag), so it is not read twice. */
  search(request: SearchRequest, stamp?: string): Promise<SearchResult>;
  /** Computes the whole catalog's counts ahead of the first empty search (e.g. at start-up). */
  warmUp(): Promise<void>;
  /** Changes whenever the indexer changes the catalog (its version) or rows are added (the newest id). */
  stamp(): Promise<string>;
}

export interface CatalogSearchOptions {
  /** Rows a walk may read before the rest of a page comes from the hits (default WALK_BUDGET). */
  walkBudget?: number;
  /** Milliseconds a search may take before it ends with SearchTimeoutError (default: no deadline). */
  deadlineMs?: number;
  /** Metadata keys counted as facets besides the columns (text values), e.g. a CMS instance's data_tier. */
  metaFacets?: readonly string[];
  /** SQLite: run the statements in these reader threads (see statements.ts). */
  sqliteReaders?: SqliteReaders;
}

/**
 * Search over one catalog database. Counts (total and facets) are cached per normalized query and
 * catalog state, so paging and re-sorting a search costs only its page; the whole catalog's counts
 * are served stale while they are recomputed, so the empty query never waits for a full scan twice.
 */
export function createCatalogSearch(connection: DatabaseConnection, options: CatalogSearchOptions = {}): CatalogSearch {
  const dialect = connection.provider;
  const walkBudget = options.walkBudget ?? WALK_BUDGET[dialect];
  const summaries = new Map<string, Entry>();
  const metaKeys = options.metaFacets ?? [];

  const runStatement = createStatementRunner(connection, options.sqliteReaders);
  // The stamp is two index lookups: read at once, never queued behind searches in the reader threads.
  const runStamp = createStatementRunner(connection);
  const runUntil =
    (deadline: Deadline): RunQuery =>
    (statement) =>
      runStatement(statement, deadline);
  // The whole catalog's counts cost the same for every client and are served stale while recomputed:
  // a deadline would only keep a large catalog from ever having them.
  const runCatalogCounts = runUntil(null);

  async function catalogStamp(run: RunQuery): Promise<string> {
    const [row] = await run({
      text: `SELECT (SELECT max("id") FROM "Did") AS m, (SELECT "version" FROM "CatalogState" WHERE "id" = 1) AS v`,
      params: [],
    });
    return `${row?.v ?? 0}.${row?.m ?? 0}`;
  }

  function cachedSummary(filter: Filter, stamp: string, run: RunQuery): Promise<Summary> {
    const now = Date.now();
    let entry = summaries.get(filter.key);
    if (entry && entry.stamp === stamp && now - entry.at < SUMMARY_TTL_MS) {
      summaries.delete(filter.key);
      summaries.set(filter.key, entry);
    } else {
      entry = store(filter, stamp, now, entry ? (entry.value ?? entry.previous) : null, run);
    }
    // The whole catalog's counts take a scan of every row: answer with the last ones while that runs.
    return filter.unfiltered && entry.previous ? Promise.resolve(entry.previous) : entry.summary;
  }

  function store(filter: Filter, stamp: string, now: number, previous: Summary | null, run: RunQuery): Entry {
    const summary = filter.unfiltered
      ? summarizeCatalog(filter, runCatalogCounts, metaKeys)
      : summarize(filter, run, metaKeys);
    const entry: Entry = { stamp, at: now, summary, value: null, previous };
    summary.then(
      (value) => {
        entry.value = value;
        entry.previous = null;
      },
      () => {
        if (summaries.get(filter.key) === entry) summaries.delete(filter.key);
      },
    );
    summaries.delete(filter.key);
    summaries.set(filter.key, entry);
    while (summaries.size > SUMMARY_CACHE_SIZE) summaries.delete(summaries.keys().next().value!);
    return entry;
  }

  return {
    stamp: () => catalogStamp((statement) => runStamp(statement, null)),
    async warmUp() {
      const filter = compileFilter(parseQuery(""), dialect);
      await cachedSummary(filter, await catalogStamp(runCatalogCounts), runCatalogCounts);
    },
    async search(request, knownStamp) {
      const started = performance.now();
      const run = runUntil(deadlineAfter(options.deadlineMs));
      const limit = Math.min(Math.max(1, Math.floor(request.limit)), MAX_LIMIT);
      const filter = compileFilter(parseQuery(request.q), dialect, request.instance);
      const kinds = segmentsFor(request.sort, filter).map((segment) => segment.keys.map((key) => key.kind));
      const cursor = request.cursor ? decodeCursor(request.cursor, request.sort, filter.key, kinds) : null;
      const stamp = knownStamp ?? (await catalogStamp((statement) => runStamp(statement, null)));
      const summary = await cachedSummary(filter, stamp, run);
      const page = await readPage(
        filter,
        request.sort,
        { plan: pagePlan(filter, summary), walkBudget },
        cursor,
        limit,
        run,
      );
      return {
        items: page.items,
        total: summary.total,
        facets: summary.facets,
        metaFacets: summary.metaFacets,
        nextCursor: page.next ? encodeCursor(request.sort, filter.key, page.next) : null,
        tookMs: Math.round(performance.now() - started),
      };
    },
  };
}
