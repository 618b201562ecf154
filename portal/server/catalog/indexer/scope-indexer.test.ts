import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migrate } from "../../../../prisma/migrate";
import type { DatabaseConnection } from "@/server/db/client";
import { jsonResponse, rucioError, streamResponse, type StubRequest } from "@/server/rucio/test-support";
import { useStubRucio } from "@/server/rucio/stub-rucio-suite";
import { RECORDED_FILE_LINES, RECORDED_META_LINES } from "./recorded-rucio.fixture";
import { createScratchSqlite, type ScratchDatabase } from "../../../../testing/scratch-database";

// The indexer against a stub Rucio answering with recorded records, writing into a scratch SQLite catalog.
const SCOPE = "data18_13TeV";
const template = JSON.parse(RECORDED_META_LINES.closedDataset) as Record<string, unknown>;
const container = JSON.parse(RECORDED_META_LINES.openContainer) as Record<string, unknown>;
const nameOf = (index: number) =>
  `data18_13TeV.${String(300000 + index).padStart(8, "0")}.physics_Main.deriv.DAOD_PHYS.r13286_p4910`;

const stub = useStubRucio({ retries: 1, timeoutMs: 10_000 });
let scratch: ScratchDatabase;
let database: DatabaseConnection;
let indexer: typeof import("./run-indexer");
let checkpoints: typeof import("./checkpoints");
let status: typeof import("./status");
let schedule: typeof import("./schedule");

/** What the stub's Rucio holds: dataset names (metadata from the recorded template) and one open container. */
let names: string[];
let failBulkmetaFor: Set<string>;
let bulkmetaBatches: string[][];
let searchFilters: string[];

function rucio(request: StubRequest) {
  if (request.path === "/scopes/") return jsonResponse([SCOPE]);
  if (request.path === `/dids/${SCOPE}/dids/search`) {
    searchFilters.push(request.query.get("filters") ?? "");
    return streamResponse([...names, container.name]);
  }
  if (request.path === "/dids/bulkmeta") {
    const asked = (JSON.parse(request.body) as { dids: { name: string }[] }).dids.map((did) => did.name);
    bulkmetaBatches.push(asked);
    if (asked.some((name) => failBulkmetaFor.has(name))) return { status: 500, body: "Internal Server Error" };
    const known = new Set(names);
    const body = asked.map((name) => {
      if (name === container.name) return `${RECORDED_META_LINES.openContainer}\n`;
      return known.has(name) ? `${JSON.stringify({ ...template, name })}\n` : "";
    });
    return { headers: { "Content-Type": "application/x-json-stream" }, body: body.join("") };
  }
  if (request.path === "/dids/bulkfiles")
    return { headers: { "Content-Type": "application/x-json-stream" }, body: `${RECORDED_FILE_LINES.join("\n")}\n` };
  return rucioError(404, "MethodNotAllowed", `no stub for ${request.path}`);
}

const run = (options: { full?: boolean; bulk?: boolean; chunk?: number } = {}) =>
  indexer.runIndexer(database, {
    full: options.full,
    settings: {
      batchSize: 1000,
      concurrency: 3,
      readAheadBatches: 2,
      countOpenCollections: true,
      bulkFirstIndex: options.bulk ?? true,
      publishChunkDids: options.chunk ?? 1000,
    },
  });
const checkpoint = () =>
  database.client.indexCheckpoint.findUniqueOrThrow({ where: { instance_scope: { instance: "stub", scope: SCOPE } } });
const rowCount = () => database.client.did.count({ where: { instance: "stub", scope: SCOPE } });

beforeAll(async () => {
  indexer = await import("./run-indexer");
  checkpoints = await import("./checkpoints");
  status = await import("./status");
  schedule = await import("./schedule");
  const { connectDatabase } = await import("@/server/db/client");
  scratch = await createScratchSqlite("indexer-unit");
  await migrate({ databaseUrl: scratch.url });
  database = connectDatabase(scratch.url);
});
afterAll(async () => {
  await database?.client.$disconnect();
  await scratch?.drop();
});
beforeEach(async () => {
  names = Array.from({ length: 2500 }, (_, index) => nameOf(index));
  failBulkmetaFor = new Set();
  bulkmetaBatches = [];
  searchFilters = [];
  stub.answer(rucio);
  await database.client.did.deleteMany();
  await database.client.didLoad.deleteMany();
  await database.client.indexCheckpoint.deleteMany();
});
afterEach(() => stub.setHandler(() => ({ status: 500 })));

describe("indexing one scope", { timeout: 30_000 }, () => {
  it("reads metadata in batches of at most 1000 and writes every DID once, with the counted size of open collections", async () => {
    const result = await run();
    expect(result.errors).toEqual([]);
    expect(result.scopes).toMatchObject([
      { scope: SCOPE, mode: "full", phase: "done", done: 2501, written: 2501, total: 2501 },
    ]);
    expect(bulkmetaBatches.map((batch) => batch.length).sort((a, b) => b - a)).toEqual([1000, 1000, 501]);
    expect(await rowCount()).toBe(2501);
    const open = await database.client.did.findFirstOrThrow({ where: { name: container.name as string } });
    expect(open).toMatchObject({ didType: "CONTAINER", length: 2, bytes: 29770n + 23408n, events: 112305n + 112304n });
    expect(await checkpoint()).toMatchObject({
      state: "DONE",
      cursor: null,
      didsSeen: 2501,
      didsWritten: 2501,
      leaseOwner: null,
      error: null,
    });
    expect((await checkpoint()).lastFullSweepAt).not.toBeNull();
  });

  it("a re-run lists only DIDs created since the newest one seen (less the overlap) and rewrites nothing unchanged", async () => {
    await run();
    const before = await database.client.did.findFirstOrThrow({ where: { name: nameOf(7) } });
    const again = await run();
    expect(again.scopes).toMatchObject([{ mode: "incremental", phase: "done", written: 0 }]);
    // Newest created_at of the recorded records is 21:11:49 (the container); 10 minutes earlier:
    expect(searchFilters.at(-1)).toBe('[{"created_at.gte": "Tue, 24 Nov 2026 21:01:49 UTC"}]');
    expect((await database.client.did.findFirstOrThrow({ where: { name: nameOf(7) } })).indexedAt).toEqual(
      before.indexedAt,
    );
  });

  it("records a Rucio failure on the checkpoint; the next run resumes and reads only what was not committed", async () => {
    failBulkmetaFor = new Set([nameOf(2200)]);
    const failed = await run({ bulk: false });
    expect(failed.scopes).toMatchObject([{ phase: "failed" }]);
    const stopped = await checkpoint();
    expect(stopped).toMatchObject({ state: "FAILED", leaseOwner: null });
    expect(stopped.error).toMatch(/bulkmeta/);
    expect(stopped.cursor).not.toBeNull();
    const committed = await rowCount();
    expect(committed).toBe(stopped.didsSeen);
    expect(committed).toBeLessThan(2501);
    expect((await status.getIndexStatus(database)).scopes).toMatchObject([
      {
        instance: "stub",
        scope: SCOPE,
        state: "FAILED",
        running: false,
        dids: committed,
        run: { mode: "full", attempt: 1, done: committed },
      },
    ]);

    failBulkmetaFor = new Set();
    bulkmetaBatches = [];
    const resumed = await run({ bulk: false });
    expect(resumed.scopes).toMatchObject([{ mode: "full", attempt: 2, phase: "done", done: 2501 }]);
    expect(bulkmetaBatches.flat()).toHaveLength(2501 - committed);
    expect(await rowCount()).toBe(2501);
    expect(await checkpoint()).toMatchObject({ state: "DONE", didsSeen: 2501, didsWritten: 2501, cursor: null });
    expect(await status.getIndexStatus(database)).toMatchObject({
      running: false,
      dids: 2501,
      scopes: [{ state: "DONE", run: null, error: null, dids: 2501 }],
    });
  });

  it("a full sweep removes the rows of DIDs Rucio no longer lists; an incremental run does not", async () => {
    await run();
    names = names.slice(10);
    expect((await run()).scopes).toMatchObject([{ mode: "incremental", deleted: 0 }]);
    expect(await rowCount()).toBe(2501);
    expect((await run({ full: true })).scopes).toMatchObject([{ mode: "full", written: 0, deleted: 10 }]);
    expect(await rowCount()).toBe(2491);
    expect(await database.client.did.count({ where: { name: nameOf(3) } })).toBe(0);
  });
});

describe("the bulk path of a first index", { timeout: 30_000 }, () => {
  /** The scope's rows minus what differs between two runs by design (ids, when they were written). */
  const contents = async () =>
    (await database.client.did.findMany({ where: { instance: "stub", scope: SCOPE }, orderBy: { name: "asc" } })).map(
      ({ id: _id, indexedAt: _indexed, lastSeenAt: _seen, ...row }) => row,
    );
  const ftsCount = async (match: string) =>
    Number(
      (
        await database.client.$queryRawUnsafe<{ n: bigint }[]>(
          `SELECT count(*) AS n FROM "DidSearch" WHERE "DidSearch" MATCH ?`,
          match,
        )
      )[0]?.n,
    );
  const loaded = async () => (await database.client.didLoad.aggregate({ _sum: { didCount: true } }))._sum.didCount ?? 0;
  const version = async () => (await database.client.catalogState.findUniqueOrThrow({ where: { id: 1 } })).version;

  it("leaves the rows, full-text answers and checkpoint the normal path leaves, and raises the catalog's version", async () => {
    const before = await version();
    const bulk = await run({ bulk: true });
    expect(bulk.scopes).toMatchObject([{ mode: "full", bulk: true, phase: "done", done: 2501, written: 2501 }]);
    expect(await version()).toBeGreaterThan(before);
    expect(await loaded()).toBe(0);
    const viaBulk = await contents();
    const answers = [await ftsCount("daod_phys"), await ftsCount("300042"), await ftsCount("phys*")];
    const checkpointAfterBulk = await checkpoint();

    await database.client.did.deleteMany();
    await database.client.indexCheckpoint.deleteMany();
    expect((await run({ bulk: false })).scopes).toMatchObject([{ bulk: false, phase: "done", written: 2501 }]);
    expect(viaBulk).toHaveLength(2501);
    expect(viaBulk).toEqual(await contents());
    expect([await ftsCount("daod_phys"), await ftsCount("300042"), await ftsCount("phys*")]).toEqual(answers);
    expect(answers[0]).toBe(2501);
    const {
      id: _a,
      startedAt: _b,
      finishedAt: _c,
      updatedAt: _d,
      createdAt: _e,
      lastFullSweepAt: _f,
      ...marks
    } = checkpointAfterBulk;
    expect(await checkpoint()).toMatchObject(marks);
    await database.client.$executeRawUnsafe(
      `INSERT INTO "DidSearch" ("DidSearch", "rank") VALUES ('integrity-check', 1)`,
    );
  });

  it("a run stopped before a chunk's worth was loaded published nothing; the next publishes it and reads only the rest", async () => {
    failBulkmetaFor = new Set([nameOf(2200)]);
    expect((await run({ chunk: 5000 })).scopes).toMatchObject([{ bulk: true, phase: "failed" }]);
    const stopped = await checkpoint();
    expect(stopped).toMatchObject({ state: "FAILED", didsWritten: 0 });
    expect(stopped.didsSeen).toBeGreaterThan(0);
    expect(await rowCount()).toBe(0);
    expect(await loaded()).toBe(stopped.didsSeen);

    failBulkmetaFor = new Set();
    bulkmetaBatches = [];
    const resumed = await run();
    expect(resumed.scopes).toMatchObject([{ bulk: true, attempt: 2, phase: "done", done: 2501, written: 2501 }]);
    expect(bulkmetaBatches.flat()).toHaveLength(2501 - stopped.didsSeen);
    expect(await rowCount()).toBe(2501);
    expect(await loaded()).toBe(0);
    expect(await checkpoint()).toMatchObject({ state: "DONE", didsSeen: 2501, didsWritten: 2501, cursor: null });
  });

  it("a run interrupted after publishing a chunk resumes: published and loaded DIDs are not read from Rucio again", async () => {
    const controller = new AbortController();
    const interrupted = await indexer.runIndexer(database, {
      signal: controller.signal,
      settings: { batchSize: 500, concurrency: 2, readAheadBatches: 1, publishChunkDids: 1000 },
      onProgress: (progress) => {
        if (progress.written > 0) controller.abort(new Error("SIGTERM"));
      },
    });
    expect(interrupted.scopes).toMatchObject([{ phase: "failed", message: "interrupted" }]);
    const stopped = await checkpoint();
    const published = await rowCount();
    expect(published).toBeGreaterThanOrEqual(1000);
    expect(stopped).toMatchObject({ didsWritten: published, didsSeen: published + (await loaded()) });

    const publishedNames = (await database.client.did.findMany({ select: { name: true } })).map((row) => row.name);
    bulkmetaBatches = [];
    const again = await run();
    expect(again.scopes).toMatchObject([
      { attempt: 2, phase: "done", resumedAt: stopped.didsSeen, done: 2501, written: 2501 },
    ]);
    // A request the interrupted run had in flight may reach the stub late: count what nothing committed.
    const reread = new Set(bulkmetaBatches.flat());
    expect(publishedNames.filter((name) => reread.has(name))).toEqual([]);
    expect(await rowCount()).toBe(2501);
    expect(await loaded()).toBe(0);
    expect(await checkpoint()).toMatchObject({ state: "DONE", didsSeen: 2501, didsWritten: 2501 });
  });
});

describe("the schedule", { timeout: 30_000 }, () => {
  it("indexes on every tick until stopped", async () => {
    const lines: string[] = [];
    const log = { info: (line: string) => lines.push(line), error: (...args: unknown[]) => lines.push(args.join(" ")) };
    const running = schedule.startScheduledIndexing(database, 1, log, 0);
    try {
      await expect
        .poll(() => lines.filter((line) => line.includes("indexing run finished")).length, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(2);
    } finally {
      await running.stop();
    }
    expect(lines[0]).toBe("[catalog indexer] scheduled every 1s");
    expect(lines).toContainEqual(expect.stringMatching(/stub\/data18_13TeV full .* written 2,501 +done in/));
    expect(await rowCount()).toBe(2501);
  });
});

describe("the scope lease", { timeout: 30_000 }, () => {
  it("skips a scope another live indexer holds, and takes it over once that lease lapsed", async () => {
    await database.client.scope.upsert({
      where: { instance_name: { instance: "stub", name: SCOPE } },
      create: { instance: "stub", name: SCOPE },
      update: {},
    });
    const until = new Date(Date.now() + 60_000);
    await database.client.indexCheckpoint.create({
      data: { instance: "stub", scope: SCOPE, leaseOwner: "replica-b:1:abcd", leaseExpiresAt: until, state: "RUNNING" },
    });
    expect((await run()).scopes).toMatchObject([
      { phase: "skipped", message: `being indexed by replica-b:1:abcd until ${until.toISOString()}` },
    ]);
    expect(bulkmetaBatches).toEqual([]);

    await database.client.indexCheckpoint.updateMany({ data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
    expect((await run()).scopes).toMatchObject([{ phase: "done", done: 2501 }]);
  });

  it("treats a lease held by a dead process of this host as free", async () => {
    const { spawnSync } = await import("node:child_process");
    const { hostname } = await import("node:os");
    const gone = spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid;
    expect(checkpoints.isDeadLocalOwner(`${hostname()}:${gone}:x`)).toBe(true);
    expect(checkpoints.isDeadLocalOwner(`${hostname()}:${process.ppid}:x`)).toBe(false);
    expect(checkpoints.isDeadLocalOwner(`elsewhere:${gone}:x`)).toBe(false);
  });
});
