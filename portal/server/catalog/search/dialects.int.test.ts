import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QuerySyntaxError } from "@/lib/catalog/query";
import type { SearchResult } from "@/lib/api-responses";
import { SORTS, type SearchSort } from "@/lib/catalog/types";
import { openTestCatalogs, type TestCatalogs } from "./int-test-support";
import { type CatalogSearch, createCatalogSearch } from "./search";
import { QUERIES } from "./search-queries.fixture";

/**
 * The same catalog in SQLite and PostgreSQL must answer every query identically: the same rows in the
 * same order on every page, the same totals, the same facet counts, the same cursors. Each dialect runs
 * twice, once with a walk budget small enough that pages come from the walk-then-hits fallback.
 */

type Snapshot = Omit<SearchResult, "tookMs">;
const snapshot = ({ tookMs: _took, ...rest }: SearchResult): Snapshot => rest;

let catalogs: TestCatalogs;
let engines: { name: string; search: CatalogSearch }[];

beforeAll(async () => {
  catalogs = await openTestCatalogs("search", 12_000);
  // Metadata facets: the CMS rows' JSON keys and keys most rows lack, counted the same way in both.
  const metaFacets = ["era", "data_tier", "primary_dataset", "is_open", "no_such_key"];
  engines = [
    { name: "sqlite", search: createCatalogSearch(catalogs.sqlite, { metaFacets }) },
    { name: "sqlite, small walks", search: createCatalogSearch(catalogs.sqlite, { walkBudget: 60, metaFacets }) },
    { name: "postgresql", search: createCatalogSearch(catalogs.postgres, { metaFacets }) },
    {
      name: "postgresql, small walks",
      search: createCatalogSearch(catalogs.postgres, { walkBudget: 60, metaFacets }),
    },
  ];
});

afterAll(async () => {
  await catalogs?.close();
});

async function pagesOf(
  search: CatalogSearch,
  q: string,
  sort: SearchSort,
  pages: number,
  limit = 20,
): Promise<Snapshot[]> {
  const out: Snapshot[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < pages; i++) {
    const result = await search.search({ q, sort, limit, cursor });
    out.push(snapshot(result));
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return out;
}

describe("SQLite and PostgreSQL agree", () => {
  it.each(QUERIES)("%j", async (q) => {
    for (const sort of SORTS) {
      const [reference, ...others] = await Promise.all(engines.map((engine) => pagesOf(engine.search, q, sort, 2)));
      for (const [index, other] of others.entries()) {
        expect(other, `${engines[index + 1]!.name}, sort ${sort}`).toEqual(reference);
      }
    }
  });

  it("the query set exercises both exact and estimated counts, and every sort segment", async () => {
    const results = await Promise.all(
      QUERIES.map((q) => engines[0]!.search.search({ q, sort: "relevance", limit: 20 })),
    );
    expect(results.filter((r) => r.total.capped).length).toBeGreaterThan(3);
    expect(results.filter((r) => !r.total.capped && r.total.value > 0).length).toBeGreaterThan(25);
    expect(results.filter((r) => r.total.value === 0).length).toBeGreaterThan(2);
    const tiers = results.map((r) => r.metaFacets.find((facet) => facet.key === "data_tier")!);
    expect(tiers.filter((facet) => facet.buckets.length > 3).length).toBeGreaterThan(5);
    expect(tiers.filter((facet) => facet.capped && facet.buckets.length > 0).length).toBeGreaterThan(0);
    // Booleans are not buckets, and a key no row has has none.
    expect(results.every((r) => r.metaFacets.find((facet) => facet.key === "is_open")!.buckets.length === 0)).toBe(
      true,
    );
  });

  it("both reject the same malformed query at the same place", async () => {
    for (const engine of engines) {
      const error = await engine.search
        .search({ q: "datatype:AOD run>=x", sort: "newest", limit: 5 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QuerySyntaxError);
      expect(error).toMatchObject({ position: 18, length: 1 });
    }
  });

  it("left the catalog intact after the injection attempts", async () => {
    const counts = await Promise.all([catalogs.sqlite, catalogs.postgres].map((c) => c.client.did.count()));
    expect(counts).toEqual([catalogs.rows.length, catalogs.rows.length]);
  });
});
