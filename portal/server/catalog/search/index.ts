import "server-only";
import { databaseProvider, db } from "@/server/db/client";
import { env } from "@/server/env";
import type { SearchResult } from "@/lib/api-responses";
import type { SearchRequest } from "@/lib/catalog/types";
import { Admission, CatalogBusyError, SearchAbandonedError } from "./admission";
import { ResultCache } from "./result-cache";
import { SqliteReaders } from "./sqlite-readers";
import { SQLITE_CACHE_KIB, SQLITE_MMAP_BYTES } from "./statements";
import { resolveDatabaseUrl } from "@/server/db/database-url";
import { type CatalogSearch, createCatalogSearch } from "./search";
import { entityTag } from "@/server/http/entity-tag";
import { parseQuery } from "@/lib/catalog/query";

export { CatalogBusyError, SearchAbandonedError } from "./admission";
export { CursorError } from "./cursor";
export { type CatalogSearch, createCatalogSearch, MAX_LIMIT } from "./search";
export { SearchTimeoutError } from "./statements";

let portalSearch: CatalogSearch | undefined;
// One search spans every instance: each instance's metadata facets, once.
const metaFacets = [...new Set(env.instances.flatMap((instance) => instance.facets ?? []))];

// SQLite: one reader thread per core on this 2-core sizing (more only interleave); PostgreSQL's pool has 10.
const concurrency = env.SEARCH_CONCURRENCY ?? (databaseProvider === "sqlite" ? 2 : 8);

/** SQLite's searches run in reader threads, off the event loop (SqliteReaders); PostgreSQL's on its server. */
function sqliteReaders(): SqliteReaders | undefined {
  const target = resolveDatabaseUrl(env.DATABASE_URL);
  if (target.provider !== "sqlite") return undefined;
  const { path } = target;
  return new SqliteReaders({
    file: path,
    threads: concurrency,
    mmapBytes: SQLITE_MMAP_BYTES,
    cacheKib: SQLITE_CACHE_KIB,
    busyTimeoutMs: 15_000,
  });
}

function portalCatalog(): CatalogSearch {
  portalSearch ??= createCatalogSearch(
    { provider: databaseProvider, client: db },
    { deadlineMs: env.SEARCH_DEADLINE_MS, metaFacets, sqliteReaders: sqliteReaders() },
  );
  return portalSearch;
}
const admission = new Admission(concurrency, env.SEARCH_QUEUE_LIMIT);

const results = new ResultCache<SearchResult>(env.SEARCH_RESULT_CACHE_SIZE);

/** Prisma's codes for "no connection or transaction slot in time": the database is saturated. */
const SATURATED = new Set(["P2024", "P2028"]);

function runSearch(request: SearchRequest, signal: AbortSignal | undefined, stamp?: string): Promise<SearchResult> {
  const catalog = portalCatalog();
  return admission.run(async () => {
    try {
      return await catalog.search(request, stamp);
    } catch (error) {
      if (SATURATED.has((error as { code?: string }).code ?? "")) throw new CatalogBusyError();
      throw error;
    }
  }, signal);
}

/**
 * Searches the portal's catalog database. Throws QuerySyntaxError or CursorError for bad input, and
 * CatalogBusyError when the database or the queue of waiting searches is full, SearchAbandonedError
 * when `signal` (the HTTP request's) aborted before the search's turn, SearchTimeoutError when the
 * search ran past SEARCH_DEADLINE_MS (counted from its turn, not from its arrival). With the catalog's
 * `stamp` (searchETag's), the answer is shared: a search asked again before the catalog changes, or
 * while the same one runs, costs no database work (ResultCache).
 */
export async function search(request: SearchRequest, signal?: AbortSignal, stamp?: string): Promise<SearchResult> {
  if (stamp === undefined) return runSearch(request, signal);
  try {
    return await results.get(searchKey(request, stamp), () => runSearch(request, signal, stamp));
  } catch (error) {
    // The client whose request started the shared search went away before its turn; this one did not.
    if (error instanceof SearchAbandonedError && !signal?.aborted) return runSearch(request, signal, stamp);
    throw error;
  }
}

const searchKey = ({ q, sort, cursor, limit, instance }: SearchRequest, stamp: string) =>
  entityTag([stamp, q, sort, cursor ?? null, limit, instance ?? null, metaFacets]);

/**
 * The ETag of a search's answer: it changes when the catalog does (an indexer write, a new row) and is
 * the same in every portal process, so a revalidation is one small read instead of a search. `stamp`
 * is the catalog state it was made from: pass it on to search().
 */
export async function searchETag(request: SearchRequest): Promise<{ etag: string; stamp: string }> {
  parseQuery(request.q); // a query it cannot use is refused before any database work
  const stamp = await portalCatalog().stamp();
  return { etag: searchKey(request, stamp), stamp };
}
