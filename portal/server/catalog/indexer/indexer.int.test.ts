import { describe, expect, it } from "vitest";
import type { DatabaseConnection, Did } from "@/server/db/client";
import { eachProvider, useMigratedDatabase } from "@/server/db/int-test-support";
import { toCatalogDetails } from "../dataset-details";
import { instance, listNames, rucioView } from "./int-test-support";
import { runIndexer } from "./run-indexer";

// The indexer against the real local Rucio 41 and its demo data, into fresh SQLite and PostgreSQL catalogs.
const DEMO_SCOPES = ["data18_13TeV", "mc20_13TeV", "cms_run2", "user.jdoe"];
const settings = { countOpenCollections: true };

const indexedRows = new Map<string, Did[]>();

/** The row minus what differs between two catalogs by design (ids, indexing times, a concurrent metadata touch). */
const comparable = ({ id: _id, indexedAt: _indexed, lastSeenAt: _seen, rucioUpdatedAt: _updated, ...row }: Did) => row;

describe.each(eachProvider("indexer"))("the demo scopes indexed into a fresh $name catalog", ({ name, create }) => {
  let database: DatabaseConnection;
  useMigratedDatabase(create, (connection) => {
    database = connection;
  });

  it("holds exactly the collections Rucio lists, with Rucio's metadata and file counts", async () => {
    const before = new Map(
      await Promise.all(DEMO_SCOPES.map(async (scope) => [scope, await listNames(scope)] as const)),
    );
    const result = await runIndexer(database, { scopes: DEMO_SCOPES, settings });
    expect(result.errors).toEqual([]);
    expect(result.scopes.map((scope) => [scope.scope, scope.phase, scope.mode])).toEqual(
      DEMO_SCOPES.map((scope) => [scope, "done", "full"]),
    );

    const rows = await database.client.did.findMany({
      where: { instance, scope: { in: DEMO_SCOPES } },
      orderBy: [{ scope: "asc" }, { name: "asc" }],
    });
    indexedRows.set(name, rows);
    for (const scope of DEMO_SCOPES) {
      const after = await listNames(scope);
      const indexed = rows.filter((row) => row.scope === scope).map((row) => row.name);
      // Other tests may add DIDs to user.jdoe meanwhile: every DID listed before is there, nothing Rucio does not have.
      expect(indexed).toEqual(expect.arrayContaining(before.get(scope) ?? []));
      expect(after).toEqual(expect.arrayContaining(indexed));
      expect(new Set(indexed).size).toBe(indexed.length);

      const view = await rucioView(scope, indexed);
      for (const row of rows.filter((candidate) => candidate.scope === scope)) {
        const rucio = view.get(row.name);
        expect(rucio, row.name).toBeDefined();
        expect(toCatalogDetails(row), row.name).toMatchObject({
          type: rucio?.meta.did_type,
          files: rucio?.files,
          bytes: rucio?.bytes,
          project: rucio?.meta.project,
          datatype: rucio?.meta.datatype,
          runNumber: rucio?.meta.run_number,
          stream: rucio?.meta.stream_name,
          prodStep: rucio?.meta.prod_step,
          version: rucio?.meta.version,
          campaign: rucio?.meta.campaign,
          createdAt: (rucio?.meta.created_at as Date).toISOString(),
        });
      }
    }
  });

  it("holds the demo's known datasets and containers with their exact numbers", async () => {
    const find = (scope: string, didName: string) =>
      database.client.did.findUniqueOrThrow({ where: { instance_scope_name: { instance, scope, name: didName } } });
    expect(await find("data18_13TeV", "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910")).toMatchObject(
      {
        didType: "DATASET",
        length: 5,
        bytes: 79772n,
        events: 150000n,
        runNumber: 348885,
        project: "data18_13TeV",
        datatype: "DAOD_PHYS",
        streamName: "physics_Main",
        prodStep: "deriv",
        version: "r13286_p4910",
        account: "root",
        availability: "AVAILABLE",
      },
    );
    // An open container: Rucio keeps no counters, the indexer counted its 12 datasets' 60 files.
    expect(
      await find("data18_13TeV", "data18_13TeV.periodAllYear.physics_Main.PhysCont.DAOD_PHYS.grp18_v01_p4910"),
    ).toMatchObject({
      didType: "CONTAINER",
      length: 60,
      bytes: 1155913n,
      datatype: "DAOD_PHYS",
    });
    expect(await find("cms_run2", "Run2018A.EGamma.MINIAOD.UL2018_MiniAODv2-v1")).toMatchObject({
      didType: "DATASET",
      length: 5,
      bytes: 56528n,
      events: 3000000n,
      project: "Run2018A",
      datatype: "MINIAOD",
      streamName: "EGamma",
    });
  });

  it("the full-text index finds DIDs by the words of their names (unpadded run numbers too)", async () => {
    const sql =
      database.provider === "sqlite"
        ? `SELECT d."name" FROM "DidSearch" s JOIN "Did" d ON d."id" = s.rowid WHERE "DidSearch" MATCH 'run2018a AND miniaod' ORDER BY d."name"`
        : `SELECT "name" FROM "Did" WHERE to_tsvector('simple', "searchText") @@ to_tsquery('simple', 'run2018a & miniaod') ORDER BY "name"`;
    expect(await database.client.$queryRawUnsafe<{ name: string }[]>(sql)).toEqual([
      { name: "Run2018A.EGamma.MINIAOD.UL2018_MiniAODv2-v1" },
    ]);
    const byRun = await database.client.$queryRawUnsafe<{ n: bigint | number }[]>(
      database.provider === "sqlite"
        ? `SELECT count(*) AS n FROM "DidSearch" WHERE "DidSearch" MATCH '348885'`
        : `SELECT count(*) AS n FROM "Did" WHERE to_tsvector('simple', "searchText") @@ to_tsquery('simple', '348885')`,
    );
    expect(Number(byRun[0]?.n)).toBe(await database.client.did.count({ where: { runNumber: 348885 } }));
    expect(Number(byRun[0]?.n)).toBeGreaterThan(0);
  });
});

describe("the two dialects", () => {
  it("hold the same rows for the same DIDs", () => {
    const [sqlite, postgres] = [indexedRows.get("SQLite") ?? [], indexedRows.get("PostgreSQL") ?? []];
    const inBoth = new Set(postgres.map((row) => `${row.scope}:${row.name}`));
    const shared = sqlite.filter((row) => inBoth.has(`${row.scope}:${row.name}`));
    expect(shared.length).toBeGreaterThanOrEqual(57);
    const postgresByKey = new Map(postgres.map((row) => [`${row.scope}:${row.name}`, row]));
    for (const row of shared)
      expect(comparable(postgresByKey.get(`${row.scope}:${row.name}`) as Did)).toEqual(comparable(row));
  });
});
