import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyntheticDid } from "../../../../bench/search/synthetic-catalog";
import type { CatalogDid, SearchSort } from "@/lib/catalog/types";
import { compareBytes } from "./facets";
import { openTestCatalogs, type TestCatalogs } from "./int-test-support";
import { createCatalogSearch } from "./search";
import { SqliteReaders } from "./sqlite-readers";

/**
 * What queries mean, checked against plain JavaScript over the rows that were loaded: every page of a
 * search, followed through its cursors, must list exactly the rows the predicate selects, in the order
 * the sort defines. Run on both dialects, and on SQLite also through the portal's reader threads.
 */
let catalogs: TestCatalogs;
let readers: SqliteReaders;

beforeAll(async () => {
  catalogs = await openTestCatalogs("semantics", 3000);
  const file = catalogs.sqliteUrl.replace(/^file:/, "");
  readers = new SqliteReaders({ file, threads: 2, mmapBytes: 0, cacheKib: 2048, busyTimeoutMs: 5000 });
});

afterAll(async () => {
  await readers?.close();
  await catalogs?.close();
});

const lower = (text: string | null) => text?.replace(/[A-Z]/g, (c) => c.toLowerCase()) ?? null;
const padded = (row: SyntheticDid) => ` ${row.searchText} `;
const created = (row: SyntheticDid) => row.rucioCreatedAt.getTime();
const year = (y: number) => [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)] as const;

type Order = (a: SyntheticDid, b: SyntheticDid) => number;
const newest: Order = (a, b) => created(b) - created(a) || b.id - a.id;
const bySize: Order = (a, b) => (a.bytes < b.bytes ? 1 : a.bytes > b.bytes ? -1 : b.id - a.id);
const byName: Order = (a, b) => compareBytes(a.name, b.name) || a.id - b.id;
/** Names starting with the first free-text term first (lower-cased name, id), then newest. */
const relevance =
  (prefix: string): Order =>
  (a, b) => {
    const [sa, sb] = [lower(a.name)!.startsWith(prefix), lower(b.name)!.startsWith(prefix)];
    if (sa !== sb) return sa ? -1 : 1;
    return sa ? compareBytes(lower(a.name)!, lower(b.name)!) || a.id - b.id : newest(a, b);
  };

const CASES: { q: string; sort: SearchSort; where: (row: SyntheticDid) => boolean; order: Order }[] = [
  {
    q: "project:MC23_13P6TEV datatype:aod",
    sort: "newest",
    where: (r) => lower(r.project) === "mc23_13p6tev" && lower(r.datatype) === "aod",
    order: newest,
  },
  {
    q: '"physics Main" -type:container run:350000..359999',
    sort: "name",
    where: (r) =>
      padded(r).includes(" physics main ") &&
      r.didType !== "CONTAINER" &&
      r.runNumber !== null &&
      r.runNumber >= 350000 &&
      r.runNumber <= 359999,
    order: byName,
  },
  {
    q: "DAOD_PHYS* created:2021",
    sort: "size",
    where: (r) => padded(r).includes(" daod phys") && created(r) >= year(2021)[0] && created(r) < year(2021)[1],
    order: bySize,
  },
  {
    q: "-campaign:MC20A user type:dataset",
    sort: "newest",
    where: (r) => lower(r.campaign) !== "mc20a" && padded(r).includes(" user ") && r.didType === "DATASET",
    order: newest,
  },
  {
    q: "size>=10GB size<1TiB datatype:AOD -scope:cms",
    sort: "size",
    where: (r) => r.bytes >= 10_000_000_000n && r.bytes < 2n ** 40n && lower(r.datatype) === "aod" && r.scope !== "cms",
    order: bySize,
  },
  {
    q: "name:*PHYSLITE*_tid*",
    sort: "name",
    where: (r) => /physlite.*_tid/.test(lower(r.name)!),
    order: byName,
  },
  {
    q: "mc20* ttbar",
    sort: "relevance",
    where: (r) => /(^| )mc20/.test(r.searchText) && padded(r).includes(" ttbar "),
    order: relevance("mc20"),
  },
  {
    q: "ttbar events>5M files<=2000 created<2024-06",
    sort: "relevance",
    where: (r) =>
      padded(r).includes(" ttbar ") &&
      (r.events ?? 0n) > 5_000_000n &&
      r.length <= 2000 &&
      created(r) < Date.UTC(2024, 5, 1),
    order: relevance("ttbar"),
  },
  {
    q: "meta.primary_dataset:*tunecp5* meta.bytes_per_event>=100000 -meta.data_tier:NANOAODSIM",
    sort: "size",
    where: (r) =>
      typeof r.meta.primary_dataset === "string" &&
      r.meta.primary_dataset.toLowerCase().includes("tunecp5") &&
      typeof r.meta.bytes_per_event === "number" &&
      r.meta.bytes_per_event >= 100000 &&
      r.meta.data_tier !== "NANOAODSIM",
    order: bySize,
  },
  {
    q: "meta.is_open:true meta.era:RUN2017? -meta.no_such_key:x",
    sort: "name",
    where: (r) => r.meta.is_open === true && typeof r.meta.era === "string" && /^run2017.$/i.test(r.meta.era),
    order: byName,
  },
  {
    q: "meta.run_number:300000..359999 meta.length<=2",
    sort: "newest",
    where: (r) =>
      typeof r.meta.run_number === "number" &&
      r.meta.run_number >= 300000 &&
      r.meta.run_number <= 359999 &&
      typeof r.meta.length === "number" &&
      r.meta.length <= 2,
    order: newest,
  },
];

const key = (did: SyntheticDid | CatalogDid) => `${did.instance}:${did.scope}:${did.name}`;

describe.each(["sqlite", "sqlite-readers", "postgres"] as const)("on %s, every page through the cursors", (run) => {
  it.each(CASES)("$q ($sort)", async ({ q, sort, where, order }) => {
    const search =
      run === "sqlite-readers"
        ? createCatalogSearch(catalogs.sqlite, { walkBudget: 40, sqliteReaders: readers })
        : createCatalogSearch(catalogs[run], { walkBudget: 40 });
    const expected = catalogs.rows.filter(where).sort(order).map(key);
    expect(expected.length).toBeGreaterThan(12);
    const listed: string[] = [];
    let cursor: string | undefined;
    let first = true;
    do {
      const page = await search.search({ q, sort, limit: 7, cursor });
      if (first) expect(page.total).toEqual({ value: expected.length, capped: false });
      first = false;
      listed.push(...page.items.map(key));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && listed.length <= expected.length);
    expect(listed).toEqual(expected);
  });
});

describe("facet counts", () => {
  it("count every facet over the hits, top buckets by count then value", async () => {
    const q = "DAOD_PHYS -scope:cms";
    const hits = catalogs.rows.filter((r) => padded(r).includes(" daod phys ") && r.scope !== "cms");
    const search = createCatalogSearch(catalogs.postgres);
    const result = await search.search({ q, sort: "newest", limit: 1 });
    const tally = (value: (row: SyntheticDid) => string | null) => {
      const counts = new Map<string, number>();
      for (const row of hits) {
        const v = value(row);
        if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      return [...counts].sort(([va, a], [vb, b]) => b - a || compareBytes(va, vb)).slice(0, 20);
    };
    const buckets = (facet: keyof typeof result.facets) => result.facets[facet].buckets.map((b) => [b.value, b.count]);
    expect(buckets("campaign")).toEqual(tally((r) => r.campaign));
    expect(buckets("scope")).toEqual(tally((r) => r.scope));
    expect(buckets("type")).toEqual(tally((r) => r.didType).map(([v, n]) => [v.toLowerCase(), n]));
    const runs = tally((r) => (r.runNumber === null ? null : String(Math.floor(r.runNumber / 1000))));
    expect(buckets("run").map(([value]) => value)).toEqual(
      runs.map(([v]) => `${Number(v) * 1000}..${Number(v) * 1000 + 999}`),
    );
    expect(result.facets.campaign.capped).toBe(false);
  });

  it("count metadata keys configured as facets over the hits, text values only", async () => {
    const q = "scope:cms type:container";
    const hits = catalogs.rows.filter((r) => r.scope === "cms" && r.didType === "CONTAINER");
    for (const dialect of ["sqlite", "postgres"] as const) {
      const search = createCatalogSearch(catalogs[dialect], { metaFacets: ["data_tier", "is_open"] });
      const result = await search.search({ q, sort: "newest", limit: 1 });
      expect(result.total).toEqual({ value: hits.length, capped: false });
      const counts = new Map<string, number>();
      for (const row of hits) {
        const tier = row.meta.data_tier;
        if (typeof tier === "string") counts.set(tier, (counts.get(tier) ?? 0) + 1);
      }
      const expected = [...counts].sort(([va, a], [vb, b]) => b - a || compareBytes(va, vb)).slice(0, 20);
      expect(expected.length).toBeGreaterThan(3);
      const [tiers, flags] = result.metaFacets;
      expect(tiers!.buckets.map((b) => [b.value, b.count])).toEqual(expected);
      expect(flags).toEqual({ key: "is_open", buckets: [], capped: false });
    }
  });

  it("scale a sample's counts when the hits are many, and say so", async () => {
    const search = createCatalogSearch(catalogs.sqlite);
    const result = await search.search({ q: "-cms", sort: "newest", limit: 1 });
    const exact = catalogs.rows.filter((r) => !padded(r).includes(" cms ")).length;
    expect(result.total.capped).toBe(true);
    expect(Math.abs(result.total.value - exact) / exact).toBeLessThan(0.25);
    expect(result.facets.datatype.capped).toBe(true);
    expect(result.facets.datatype.buckets.every((b) => b.count % 64 === 0)).toBe(true);
  });
});
