import "server-only";
import type { DatabaseConnection } from "@/server/db/client";
import { parseQuery } from "../query";
import type { SearchRequest, SearchResult } from "../types";
import { compileFilter, type Filter } from "./compile";
import { decodeCursor, encodeCursor } from "./cursor";
import { HITS_FIRST_MAX, type PagePlan, readPage, WALK_BUDGET } from "./page";
import { segmentsFor } from "./sorts";
import { render, type Sql } from "./sql";
import { type Summary, summarize, summarizeCatalog } from "./summary";

export const MAX_LIMIT = 200;

/** How long counts stay cached when the catalog seems unchanged (updates do not move the newest id). */
const SUMMARY_TTL_MS = 60_000;
const SUMMARY_CACHE_SIZE = 500;

/** `value` once `summary` resolved; `previous` the last value of this query, served while a full scan runs. */
type Entry = { stamp: string; at: number; summary: Promise<Summary>; value: Summary | null; previous: Summary | null };

const PG_WORK_MEM = "64MB";
const SQLITE_MMAP_BYTES = 8 * 2 ** 30;
const SQLITE_CACHE_KIB = 64 * 1024;

async function tuneSqlite({ client }: DatabaseConnection) {
  await client.$queryRawUnsafe(`PRAGMA mmap_size = ${SQLITE_MMAP_BYTES}`);
  await client.$queryRawUnsafe(`PRAGMA cache_size = -${SQLITE_CACHE_KIB}`);
}

function pagePlan(filter: Filter, summary: Summary): PagePlan {
  return filter.unfiltered || summary.total.value > HITS_FIRST_MAX ? "adaptive" : "hits";
}

export interface CatalogSearch {
  search(request: SearchRequest): Promise<SearchResult>;
  /** Computes the whole catalog's counts ahead of the first empty search (e.g. at start-up). */
  warmUp(): Promise<void>;
}

export interface CatalogSearchOptions {
  /** Rows a walk may read before the rest of a page comes from the hits (default WALK_BUDGET). */
  walkBudget?: number;
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

  let tuned: Promise<unknown> | undefined;
  const run = async (query: Sql) => {
    // Searches read rows all over a large table: map the file and keep a bigger page cache (SQLite's
    // default 2 MB makes every row lookup a system call). Settings of the connection, set once.
    if (dialect === "sqlite") await (tuned ??= tuneSqlite(connection));
    const { text, params } = render(dialect, query);
    if (dialect === "sqlite" || !query.large) return connection.client.$queryRawUnsafe<Record<string, unknown>[]>(text, ...params);
    // PostgreSQL's default 4 MB of work_mem turns bitmaps of a few hundred thousand rows lossy, and a
    // lossy page re-runs to_tsvector on each of its rows; JIT compiling costs more than these queries.
    return connection.client.$transaction(async (tx) => {
      await tx.$queryRawUnsafe(`SELECT set_config('work_mem', '${PG_WORK_MEM}', true), set_config('jit', 'off', true)`);
      return tx.$queryRawUnsafe<Record<string, unknown>[]>(text, ...params);
    });
  };

  /** Changes whenever DIDs are added; the TTL covers updates and deletions. */
  async function catalogStamp(): Promise<string> {
    const [row] = await run({ text: `SELECT max("id") AS m FROM "Did"`, params: [] });
    return String(row?.m ?? 0);
  }

  function cachedSummary(filter: Filter, stamp: string): Promise<Summary> {
    const now = Date.now();
    let entry = summaries.get(filter.key);
    if (entry && entry.stamp === stamp && now - entry.at < SUMMARY_TTL_MS) {
      summaries.delete(filter.key);
      summaries.set(filter.key, entry);
    } else {
      entry = store(filter, stamp, now, entry ? (entry.value ?? entry.previous) : null);
    }
    // The whole catalog's counts take a scan of every row: answer with the last ones while that runs.
    return filter.unfiltered && entry.previous ? Promise.resolve(entry.previous) : entry.summary;
  }

  function store(filter: Filter, stamp: string, now: number, previous: Summary | null): Entry {
    const summary = filter.unfiltered ? summarizeCatalog(filter, run) : summarize(filter, run);
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
    async warmUp() {
      const filter = compileFilter(parseQuery(""), dialect);
      await cachedSummary(filter, await catalogStamp());
    },
    async search(request) {
      const started = performance.now();
      const limit = Math.min(Math.max(1, Math.floor(request.limit)), MAX_LIMIT);
      const filter = compileFilter(parseQuery(request.q), dialect, request.instance);
      const kinds = segmentsFor(request.sort, filter).map((segment) => segment.keys.map((key) => key.kind));
      const cursor = request.cursor ? decodeCursor(request.cursor, request.sort, filter.key, kinds) : null;
      const stamp = await catalogStamp();
      const summary = await cachedSummary(filter, stamp);
      const page = await readPage(filter, request.sort, { plan: pagePlan(filter, summary), walkBudget }, cursor, limit, run);
      return {
        items: page.items,
        total: summary.total,
        facets: summary.facets,
        nextCursor: page.next ? encodeCursor(request.sort, filter.key, page.next) : null,
        tookMs: Math.round(performance.now() - started),
      };
    },
  };
}
