import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection, Did } from "@/server/db/client";
import { eachProvider } from "@/server/db/int-test-support";
import { SORTS } from "@/lib/catalog/types";
import type { SearchResult } from "@/lib/api-responses";
import { createCatalogSearch } from "../search/search";
import { QUERIES } from "../search/search-queries.fixture";
import { evaluateWatches } from "../watches/evaluate";
import { migratedDatabase } from "./int-test-support";
import { runIndexer } from "./run-indexer";
import type { ScratchDatabase } from "../../../../testing/scratch-database";

// The demo scopes indexed from the real local Rucio twice, into two fresh catalogs of each database: on the
// bulk path (loaded, then published in chunks of 7 DIDs, so that a run publishes many chunks, some while
// still loading) and batch by batch. Both catalogs must hold the same rows and answer every search, every
// full-text match and every watched search the same. user.jdoe is left out: other tests add DIDs to it.
const SCOPES = ["data18_13TeV", "mc20_13TeV", "cms_run2"];
const WATCHES = ["DAOD_PHYS", "type:container", "scope:cms_run2 MINIAOD", "run:348000..349999"];
const settings = { countOpenCollections: true, batchSize: 5, concurrency: 3, publishChunkDids: 7 };

/** What two catalogs hold differently by design: ids, when rows were written, a concurrent metadata touch. */
const comparable = ({ id: _id, indexedAt: _indexed, lastSeenAt: _seen, rucioUpdatedAt: _updated, ...row }: Did) => row;
/** A search answer without what follows ids (cursors), timing or Rucio's updated_at; items by name. */
const answer = ({ tookMs: _took, nextCursor: _cursor, items, ...rest }: SearchResult, ordered: boolean) => {
  const rows = items.map(({ updatedAt: _updated, ...item }) => item);
  return {
    ...rest,
    items: ordered ? rows : rows.sort((a, b) => `${a.scope}:${a.name}`.localeCompare(`${b.scope}:${b.name}`)),
  };
};

describe.each(eachProvider("bulk-path"))("a first index on the bulk path, on $name", ({ create }) => {
  const scratches: ScratchDatabase[] = [];
  const catalogs: Record<"bulk" | "normal", DatabaseConnection> = {} as never;

  beforeAll(async () => {
    for (const path of ["bulk", "normal"] as const) {
      const scratch = await create();
      scratches.push(scratch);
      const database = await migratedDatabase(scratch);
      await database.client.user.create({ data: { id: "u1", name: "jdoe" } });
      for (const query of WATCHES)
        await database.client.watch.create({ data: { userId: "u1", name: query, query, sort: "newest" } });
      const result = await runIndexer(database, {
        scopes: SCOPES,
        settings: { ...settings, bulkFirstIndex: path === "bulk" },
      });
      expect(result.errors).toEqual([]);
      expect(result.scopes.map((scope) => [scope.phase, scope.bulk])).toEqual(
        SCOPES.map(() => ["done", path === "bulk"]),
      );
      catalogs[path] = database;
    }
  }, 120_000);
  afterAll(async () => {
    for (const database of Object.values(catalogs)) await database.client.$disconnect();
    for (const scratch of scratches) await scratch.drop();
  });

  it("holds the same rows, checkpoints and change log, and nothing is left loaded", async () => {
    const rows = async (database: DatabaseConnection) =>
      (await database.client.did.findMany({ orderBy: [{ scope: "asc" }, { name: "asc" }] })).map(comparable);
    const bulkRows = await rows(catalogs.bulk);
    expect(bulkRows.length).toBeGreaterThanOrEqual(40);
    expect(bulkRows).toEqual(await rows(catalogs.normal));
    for (const database of Object.values(catalogs)) {
      expect(await database.client.didLoad.count()).toBe(0);
      // Every row was inserted once: the change log watched searches read has one entry per DID.
      expect(await database.client.didChange.count()).toBe(bulkRows.length);
      expect((await database.client.catalogState.findUniqueOrThrow({ where: { id: 1 } })).version).toBeGreaterThan(0);
    }
    const checkpoints = async (database: DatabaseConnection) =>
      database.client.indexCheckpoint.findMany({
        orderBy: { scope: "asc" },
        select: { scope: true, state: true, cursor: true, didsSeen: true, didsWritten: true, lastRucioCreatedAt: true },
      });
    expect(await checkpoints(catalogs.bulk)).toEqual(await checkpoints(catalogs.normal));
  });

  it("answers every search of the query set the same: totals, facets and hits", async () => {
    const [bulk, normal] = [catalogs.bulk, catalogs.normal].map((database) =>
      createCatalogSearch(database, { metaFacets: ["era", "data_tier"] }),
    );
    for (const q of QUERIES) {
      for (const sort of SORTS) {
        const request = { q, sort, limit: 200 };
        const ordered = sort === "name";
        const [a, b] = await Promise.all([bulk!.search(request), normal!.search(request)]);
        expect(answer(a, ordered), `${q} (${sort})`).toEqual(answer(b, ordered));
      }
    }
  });

  it("answers full-text matches and watched searches the same", async () => {
    const fullText = (database: DatabaseConnection, words: string) =>
      database.client.$queryRawUnsafe<{ name: string }[]>(
        database.provider === "sqlite"
          ? `SELECT d."name" FROM "DidSearch" s JOIN "Did" d ON d."id" = s.rowid WHERE "DidSearch" MATCH ? ORDER BY d."name"`
          : `SELECT "name" FROM "Did" WHERE to_tsvector('simple', "searchText") @@ to_tsquery('simple', $1) ORDER BY "name"`,
        database.provider === "sqlite" ? words.replaceAll(" & ", " AND ") : words,
      );
    for (const words of ["daod_phys", "run2018a & miniaod", "348885", "physcont"]) {
      const found = await fullText(catalogs.bulk, words);
      expect(found, words).toEqual(await fullText(catalogs.normal, words));
    }
    expect((await fullText(catalogs.bulk, "daod_phys")).length).toBeGreaterThan(0);

    const matches = async (database: DatabaseConnection) => {
      await evaluateWatches(database);
      const found = await database.client.watchMatch.findMany({ include: { watch: true, did: true } });
      return found.map((match) => `${match.watch.query} -> ${match.did.scope}:${match.did.name}`).sort();
    };
    const bulkMatches = await matches(catalogs.bulk);
    expect(bulkMatches.length).toBeGreaterThan(10);
    expect(bulkMatches).toEqual(await matches(catalogs.normal));
  });
});
