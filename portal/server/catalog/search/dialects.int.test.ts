import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QuerySyntaxError } from "@/lib/catalog/query";
import type { SearchResult } from "@/lib/api-responses";
import { SORTS, type SearchSort } from "@/lib/catalog/types";
import { openTestCatalogs, type TestCatalogs } from "./int-test-support";
import { type CatalogSearch, createCatalogSearch } from "./search";

/**
 * The same catalog in SQLite and PostgreSQL must answer every query identically: the same rows in the
 * same order on every page, the same totals, the same facet counts, the same cursors. Each dialect runs
 * twice, once with a walk budget small enough that pages come from the walk-then-hits fallback.
 */
const QUERIES = [
  "",
  "DAOD_PHYS",
  "daod_phys",
  "DAOD_PHYS*",
  "DAOD_*",
  '"physics Main"',
  '"deriv DAOD"*',
  "DAOD_PHYS data18",
  "13TeV",
  "mc20_13TeV.700",
  "ttbar -DAOD_PHYS",
  "-13TeV",
  "Zmumu datatype:AOD",
  "scope:data18_13TeV",
  "scope:DATA18_13TEV datatype:daod_physlite",
  "type:container",
  "-type:dataset cms",
  "datatype:AOD",
  "datatype:daod_* -datatype:DAOD_PHYS",
  "project:mc20_13TeV campaign:MC20A",
  "stream:physics_Main prod_step:deriv",
  "version:r13* scope:data17_13TeV",
  "campaign:mc2?e",
  "account:atlas-prod type:container",
  "instance:cms NANOAOD",
  "-datatype:AOD scope:cms",
  "-campaign:grp18 data18",
  "run:350000..359999",
  "run>=480000",
  "run<270000 DAOD_PHYS",
  "events>10M type:dataset",
  "size>=1TB",
  "size<100MB datatype:HIST",
  "files>500",
  "created>=2026-01-01",
  "created:2018 scope:data18_13TeV",
  "created<2017-06 -type:container",
  "created:2021-03..2021-05",
  "name:data18*",
  "name:*PHYSLITE*",
  "name:/JetHT/*",
  "name:mc23_13p6TeV.??????.Sh_2214*",
  // Full-text operators, quotes and SQL are text like any other.
  "NEAR(daod phys) OR AND NOT",
  "'; DROP TABLE Did; -- x",
  "name:%",
  "name:*_*",
  'datatype:"\' OR 1=1 --"',
  "\\ ^DAOD* {x}",
];

type Snapshot = Omit<SearchResult, "tookMs">;
const snapshot = ({ tookMs: _took, ...rest }: SearchResult): Snapshot => rest;

let catalogs: TestCatalogs;
let engines: { name: string; search: CatalogSearch }[];

beforeAll(async () => {
  catalogs = await openTestCatalogs("search", 12_000);
  engines = [
    { name: "sqlite", search: createCatalogSearch(catalogs.sqlite) },
    { name: "sqlite, small walks", search: createCatalogSearch(catalogs.sqlite, { walkBudget: 60 }) },
    { name: "postgresql", search: createCatalogSearch(catalogs.postgres) },
    { name: "postgresql, small walks", search: createCatalogSearch(catalogs.postgres, { walkBudget: 60 }) },
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
