// One measured phase of the indexing benchmark, run in its own process by run.ts (so that each phase has a
// fresh heap and its own peak RSS, and the Rucio stand-in runs in another process). Prints one JSON line.
//   phase.ts index  <databaseUrl> <scope> <countOpen> <bulk|normal> <first|incremental>
//                   the indexer against whatever RUCIO_INSTANCES names: the first index of the scope (a full
//                   sweep on an empty catalog, on the bulk path or not), or an incremental run: the replay at
//                   BENCH_REPLAY_URL serves the listing's first half to a first index (not timed), then its second
//                   half to the run the checkpoint plans next, in the same process (warm, as the portal's schedule)
//   phase.ts insert <databaseUrl> <scope> <recordingDir> <bulk|normal>
//                   the catalog writes alone, rows prepared beforehand
//   phase.ts rucio  <scope>   each Rucio call of the indexer alone, against the real Rucio
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { join } from "node:path";
import { migrate } from "../../prisma/migrate";
import { loadTableFor } from "../../portal/server/catalog/indexer/bulk-load";
import { toDidRow } from "../../portal/server/catalog/indexer/did-row";
import { didStoreFor } from "../../portal/server/catalog/indexer/did-store";
import { forEachConcurrently, inBatches } from "../../portal/server/catalog/indexer/pipeline";
import { runIndexer, settingsFromEnv } from "../../portal/server/catalog/indexer/run-indexer";
import { connectDatabase, type DatabaseConnection } from "../../portal/server/db/client";
import {
  defaultInstanceName,
  getDidsMetaBulk,
  listFilesBulk,
  searchDidNames,
  serviceCaller,
  type DidMeta,
} from "../../portal/server/rucio";
import { parseRucioJson } from "../../portal/server/rucio/json";
import { LISTING_PART_PATH, type ListingPart } from "./rucio-recording";

const BATCH = 1000;
const CONCURRENCY = 4;
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const seconds = (startedAt: number) => (performance.now() - startedAt) / 1000;
const load = () => Number(loadavg()[0]?.toFixed(2));
/** CPU time of this process since `since`, in µs per DID: independent of how busy the machine is. */
const cpuMicrosPerDid = (since: NodeJS.CpuUsage, dids: number) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / Math.max(1, dids);
};

/**
 * CPU time (µs) the PostgreSQL backends serving this process have used so far (read from /proc: the server
 * runs on this machine). Its parallel workers, WAL writer and checkpointer are not counted.
 */
async function postgresBackendCpuMicros(database: DatabaseConnection): Promise<number | null> {
  if (database.provider !== "postgresql") return null;
  const backends = await database.client.$queryRawUnsafe<{ pid: number }[]>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`,
  );
  const ticks = backends.map(({ pid }) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf-8").split(") ")[1]?.split(" ") ?? [];
      return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100 per second)
    } catch {
      return 0;
    }
  });
  return ticks.reduce((sum, tick) => sum + tick, 0) * 10_000;
}

async function serveListing(part: ListingPart): Promise<void> {
  const replay = process.env.BENCH_REPLAY_URL;
  if (!replay) {
    if (part === "all") return;
    throw new Error("an incremental phase needs the replay (BENCH_REPLAY_URL)");
  }
  const answer = await fetch(new URL(LISTING_PART_PATH, replay), { method: "POST", body: part });
  if (!answer.ok) throw new Error(`the replay refused the listing part ${part}: ${answer.status}`);
}

async function index(databaseUrl: string, scope: string, countOpen: boolean, bulk: boolean, incremental: boolean) {
  await migrate({ databaseUrl, log: () => undefined });
  const database = connectDatabase(databaseUrl);
  const settings = { countOpenCollections: countOpen, bulkFirstIndex: bulk };
  if (incremental) {
    await serveListing("first-half");
    const prefill = await runIndexer(database, { scopes: [scope], settings });
    if (prefill.scopes[0]?.phase !== "done") throw new Error(`prefill failed: ${JSON.stringify(prefill)}`);
    await serveListing("second-half");
  } else {
    await serveListing("all");
  }
  const dbCpuBefore = (await postgresBackendCpuMicros(database)) ?? 0;
  const loadAtStart = load();
  // On SQLite every statement runs on the event loop: the longest stall is what a portal running the
  // indexer would keep its requests waiting.
  const eventLoop = monitorEventLoopDelay({ resolution: 10 });
  eventLoop.enable();
  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  const result = await runIndexer(database, { scopes: [scope], full: !incremental, settings });
  const elapsed = seconds(startedAt);
  eventLoop.disable();
  const [progress] = result.scopes;
  if (!progress || progress.phase !== "done") throw new Error(`indexing failed: ${JSON.stringify(result)}`);
  const dids = progress.done - progress.resumedAt;
  const nodeCpuMicrosPerDid = cpuMicrosPerDid(cpuAtStart, dids);
  const dbCpu = await postgresBackendCpuMicros(database);
  const rows = await database.client.did.count({ where: { scope } });
  await database.client.$disconnect();
  return {
    mode: progress.mode,
    bulk: progress.bulk ?? false,
    dids,
    written: progress.written,
    rows,
    seconds: elapsed,
    perSecond: dids / elapsed,
    nodeCpuMicrosPerDid,
    dbCpuMicrosPerDid: dbCpu === null ? null : (dbCpu - dbCpuBefore) / Math.max(1, dids),
    peakRssMb: peakRssMb(),
    eventLoopMaxMs: eventLoop.max / 1e6,
    load: [loadAtStart, load()],
  };
}

/** Prepares the rows from the recorded metadata first (not timed), then times only the catalog writes. */
async function insert(databaseUrl: string, scope: string, recordingDir: string, bulk: boolean) {
  await migrate({ databaseUrl, log: () => undefined });
  const database = connectDatabase(databaseUrl);
  const lines = readFileSync(join(recordingDir, scope, "bulkmeta.ndjson"), "utf-8")
    .split("\n")
    .filter(Boolean);
  const rows = lines.map((line) => toDidRow(parseRucioJson(line) as DidMeta));
  const key = { instance: "bench", scope };
  await database.client.rucioInstance.create({ data: { name: key.instance, url: "http://bench" } });
  await database.client.scope.create({ data: { instance: key.instance, name: scope } });
  const store = didStoreFor(database.provider);
  const loads = loadTableFor(database.provider, store);
  const seenAt = new Date();
  const dbCpuBefore = (await postgresBackendCpuMicros(database)) ?? 0;
  const loadAtStart = load();
  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    await database.client.$transaction(async (tx) => {
      await loads.tuneTransaction(tx);
      if (bulk) await loads.load(tx, key, batch, new Date());
      else await store.writeBatch(tx, key, batch, seenAt);
    });
  }
  const loadedAt = performance.now();
  const chunkDids = settingsFromEnv().publishChunkDids;
  for (;;) {
    const chunk = await loads.nextChunk(database.client, key, chunkDids);
    if (!chunk) break;
    await database.client.$transaction(async (tx) => {
      await loads.tuneTransaction(tx);
      await loads.publish(tx, key, chunk, seenAt);
    });
  }
  const elapsed = seconds(startedAt);
  const nodeCpuMicrosPerDid = cpuMicrosPerDid(cpuAtStart, rows.length);
  const dbCpu = await postgresBackendCpuMicros(database);
  if ((await database.client.did.count()) !== rows.length) throw new Error("not every row was written");
  await database.client.$disconnect();
  return {
    dids: rows.length,
    seconds: elapsed,
    /** Bulk: of `seconds`, the loading; the rest moved the rows into the catalog. */
    loadSeconds: bulk ? (loadedAt - startedAt) / 1000 : null,
    perSecond: rows.length / elapsed,
    nodeCpuMicrosPerDid,
    dbCpuMicrosPerDid: dbCpu === null ? null : (dbCpu - dbCpuBefore) / rows.length,
    peakRssMb: peakRssMb(),
    load: [loadAtStart, load()],
  };
}

/** Each Rucio call alone, as the indexer makes it (batches of 1000, 4 in flight), plus Node's own parsing and mapping. */
async function rucio(scope: string) {
  const loadAtStart = load();
  const caller = serviceCaller(defaultInstanceName());
  let startedAt = performance.now();
  const names: string[] = [];
  for await (const name of searchDidNames(caller, scope, { type: "collection" })) names.push(name);
  const listing = seconds(startedAt);

  const timeBulk = async (call: (batch: { scope: string; name: string }[]) => AsyncIterable<unknown>) => {
    const started = performance.now();
    let records = 0;
    const batches = inBatches(
      (async function* () {
        yield* names.map((name) => ({ scope, name }));
      })(),
      BATCH,
    );
    await forEachConcurrently(batches, { concurrency: CONCURRENCY, readAhead: 4 }, async (batch) => {
      for await (const _ of call(batch)) records += 1;
    });
    return { seconds: seconds(started), records };
  };
  const meta = await timeBulk((batch) => getDidsMetaBulk(caller, batch));
  const files = await timeBulk((batch) => listFilesBulk(caller, batch));

  const metas: DidMeta[] = [];
  for await (const one of getDidsMetaBulk(
    caller,
    names.slice(0, BATCH).map((name) => ({ scope, name })),
  ))
    metas.push(one);
  const text = metas.map((one) => JSON.stringify(one)).join("\n");
  startedAt = performance.now();
  for (let round = 0; round < 20; round++)
    for (const line of text.split("\n")) toDidRow(parseRucioJson(line) as DidMeta);
  const mapMicros = (seconds(startedAt) * 1e6) / (20 * metas.length);

  return {
    dids: names.length,
    listingPerSecond: names.length / listing,
    bulkmetaPerSecond: names.length / meta.seconds,
    bulkfilesPerSecond: names.length / files.seconds,
    bulkfilesRecords: files.records,
    nodeParseAndMapMicrosPerDid: mapMicros,
    load: [loadAtStart, load()],
  };
}

const [phase, ...args] = process.argv.slice(2);
const run = {
  index: () => index(args[0] ?? "", args[1] ?? "", args[2] === "true", args[3] === "bulk", args[4] === "incremental"),
  insert: () => insert(args[0] ?? "", args[1] ?? "", args[2] ?? "", args[3] === "bulk"),
  rucio: () => rucio(args[0] ?? ""),
}[phase ?? ""];
if (!run) throw new Error(`unknown phase ${phase}`);
console.log(JSON.stringify(await run()));
process.exit(0);
