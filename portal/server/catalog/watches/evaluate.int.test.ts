import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type DatabaseConnection } from "@/server/db/client";
import { useScratchDatabase, type ScratchDatabase } from "../../../../testing/scratch-database";
import { didStoreFor } from "../indexer/did-store";
import { toDidRow } from "../indexer/did-row";
import { changeLogEnd, evaluateWatches } from "./evaluate";

/** Watches fed by the indexer's own writes (the store's upsert), through the database's change log. */
let scratch: ScratchDatabase;
let database: DatabaseConnection;
const scope = { instance: "local", scope: "data18_13TeV" };

const did = (name: string, meta: Record<string, unknown>) =>
  toDidRow({ scope: scope.scope, name, did_type: "DATASET", bytes: 1000, length: 2, account: "jdoe", ...meta });

async function write(...rows: ReturnType<typeof did>[]) {
  await didStoreFor(database.provider).writeBatch(database.client, scope, rows, new Date());
}

async function watch(name: string, query: string) {
  const created = await database.client.watch.create({
    data: { userId: "u1", name, query, sort: "newest", evaluatedThrough: await changeLogEnd(database) },
  });
  return created.id;
}

const matchedNames = async (watchId: string) =>
  (await database.client.watchMatch.findMany({ where: { watchId }, include: { did: true } }))
    .map((match) => match.did.name)
    .sort();

beforeAll(async () => {
  scratch = await useScratchDatabase("watches");
  database = connectDatabase(scratch.url);
  await database.client.rucioInstance.create({ data: { name: "local", url: "http://127.0.0.1:8080" } });
  await database.client.scope.create({ data: { instance: "local", name: scope.scope } });
  await database.client.user.create({ data: { id: "u1", name: "jdoe" } });
});
afterAll(async () => {
  await database?.client.$disconnect();
  await scratch?.drop();
});

describe("watched searches", () => {
  it("log nothing while nobody watches", async () => {
    await write(did("before.AOD.1", { datatype: "AOD" }));
    expect(await database.client.didChange.count()).toBe(0);
  });

  it("report new DIDs and DIDs that now match, once, and not DIDs that matched before", async () => {
    const aod = await watch("AOD of data18", "datatype:AOD");
    const big = await watch("big ones", "size>=1MB -datatype:HIST");
    await write(
      did("new.AOD.2", { datatype: "AOD" }),
      did("new.HIST.3", { datatype: "HIST", bytes: 5_000_000 }),
      did("new.DAOD.4", { datatype: "DAOD_PHYS" }),
    );
    // Becomes AOD; the DID that was AOD before the watch only changes size; one grows past 1 MB.
    await write(did("new.DAOD.4", { datatype: "AOD" }), did("before.AOD.1", { datatype: "AOD", bytes: 2_000_000 }));
    const first = await evaluateWatches(database);
    expect(first.changes).toBe(5);
    expect(await matchedNames(aod)).toEqual(["new.AOD.2", "new.DAOD.4"]);
    expect(await matchedNames(big)).toEqual(["before.AOD.1"]);
    expect(Object.fromEntries(first.newMatches)).toEqual({ [aod]: 2, [big]: 1 });

    const again = await evaluateWatches(database);
    expect(again.changes).toBe(0);
    expect(await database.client.watchMatch.count()).toBe(3);
    expect(await database.client.didChange.count()).toBe(0);
  });

  it("leave unchanged rows and seen marks out of the log", async () => {
    await write(did("new.AOD.2", { datatype: "AOD" }));
    expect(await database.client.didChange.count()).toBe(0);
  });

  it("start a new watch at the end of the log", async () => {
    await write(did("late.AOD.5", { datatype: "AOD" }));
    const late = await watch("late", "datatype:AOD");
    await write(did("later.AOD.6", { datatype: "AOD" }));
    await evaluateWatches(database);
    expect(await matchedNames(late)).toEqual(["later.AOD.6"]);
  });

  it("report a DID whose metadata document changed to match a meta.KEY watch, once", async () => {
    await write(did("meta.1", { task_status: "done", nevents: 1 }), did("meta.2", { task_status: "done" }));
    const done = await watch("finished tasks", "meta.task_status:DONE meta.nevents>=5");
    // Numbers are in no column and not in the search text: only the metadata document changes.
    await write(
      did("meta.1", { task_status: "done", nevents: 10 }),
      did("meta.2", { task_status: "done", nevents: 2 }),
    );
    const first = await evaluateWatches(database);
    expect(first.newMatches.get(done)).toBe(1);
    expect(await matchedNames(done)).toEqual(["meta.1"]);
    // Matched before this change too: nothing new.
    await write(did("meta.1", { task_status: "done", nevents: 11 }));
    const second = await evaluateWatches(database);
    expect(second.changes).toBe(1);
    expect(second.newMatches.get(done)).toBeUndefined();
  });

  it("resume after a run that stopped before moving its cursor, without duplicates", async () => {
    const resumed = await watch("resumed", "datatype:AOD");
    await write(did("resume.AOD.7", { datatype: "AOD" }));
    await evaluateWatches(database);
    await database.client.watch.update({ where: { id: resumed }, data: { evaluatedThrough: 0 } });
    await database.client.didChange.create({
      data: { didId: (await database.client.did.findFirstOrThrow({ where: { name: "resume.AOD.7" } })).id },
    });
    await evaluateWatches(database);
    expect(await matchedNames(resumed)).toEqual(["resume.AOD.7"]);
  });
});
