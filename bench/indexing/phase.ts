// One measured phase of the indexing benchmark, run in its own process by run.ts (so that each phase has a
// fresh heap and its own peak RSS, and the Rucio stand-in runs in another process). Prints one JSON line.
//   phase.ts index  <databaseUrl> <scope> <countOpen>   the indexer, against whatever RUCIO_INSTANCES names
//   phase.ts insert <databaseUrl> <scope> <recordingDir> the catalog writes alone, rows prepared beforehand
//   phase.ts rucio  <scope>                              each Rucio call of the indexer alone, against the real Rucio
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { migrate } from "../../prisma/migrate";
import { toDidRow } from "../../portal/server/catalog/indexer/did-row";
import { didStoreFor } from "../../portal/server/catalog/indexer/did-store";
import { forEachConcurrently, inBatches } from "../../portal/server/catalog/indexer/pipeline";
import { runIndexer } from "../../portal/server/catalog/indexer/run-indexer";
import { connectDatabase } from "../../portal/server/db/client";
import {
  defaultInstanceName,
  getDidsMetaBulk,
  listFilesBulk,
  searchDidNames,
  serviceCaller,
  type DidMeta,
} from "../../portal/server/rucio";
import { parseRucioJson } from "../../portal/server/rucio/json";

const BATCH = 1000;
const CONCURRENCY = 4;
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const seconds = (startedAt: number) => (performance.now() - startedAt) / 1000;
/** CPU time of this process since `since`, in µs per DID: independent of how busy the machine is. */
const cpuMicrosPerDid = (since: NodeJS.CpuUsage, dids: number) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / Math.max(1, dids);
};

async function index(databaseUrl: string, scope: string, countOpen: boolean) {
  await migrate({ databaseUrl, log: () => undefined });
  const database = connectDatabase(databaseUrl);
  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  const result = await runIndexer(database, {
    scopes: [scope],
    full: true,
    settings: { countOpenCollections: countOpen },
  });
  const elapsed = seconds(startedAt);
  const nodeCpuMicrosPerDid = cpuMicrosPerDid(cpuAtStart, result.scopes[0]?.done ?? 0);
  const [progress] = result.scopes;
  if (!progress || progress.phase !== "done") throw new Error(`indexing failed: ${JSON.stringify(result)}`);
  const rows = await database.client.did.count({ where: { scope } });
  await database.client.$disconnect();
  return {
    dids: progress.done,
    rows,
    seconds: elapsed,
    perSecond: progress.done / elapsed,
    nodeCpuMicrosPerDid,
    peakRssMb: peakRssMb(),
  };
}

/** Prepares the rows from the recorded metadata first (not timed), then times only the batched transactions. */
async function insert(databaseUrl: string, scope: string, recordingDir: string) {
  await migrate({ databaseUrl, log: () => undefined });
  const database = connectDatabase(databaseUrl);
  const lines = readFileSync(join(recordingDir, scope, "bulkmeta.ndjson"), "utf-8")
    .split("\n")
    .filter(Boolean);
  const rows = lines.map((line) => toDidRow(parseRucioJson(line) as DidMeta));
  const instance = "bench";
  await database.client.rucioInstance.create({ data: { name: instance, url: "http://bench" } });
  await database.client.scope.create({ data: { instance, name: scope } });
  const store = didStoreFor(database.provider);
  const seenAt = new Date();
  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    await database.client.$transaction((tx) => store.writeBatch(tx, { instance, scope }, batch, seenAt));
  }
  const elapsed = seconds(startedAt);
  const nodeCpuMicrosPerDid = cpuMicrosPerDid(cpuAtStart, rows.length);
  await database.client.$disconnect();
  return {
    dids: rows.length,
    seconds: elapsed,
    perSecond: rows.length / elapsed,
    nodeCpuMicrosPerDid,
    peakRssMb: peakRssMb(),
  };
}

/** Each Rucio call alone, as the indexer makes it (batches of 1000, 4 in flight), plus Node's own parsing and mapping. */
async function rucio(scope: string) {
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
  };
}

const [phase, ...args] = process.argv.slice(2);
const run = {
  index: () => index(args[0] ?? "", args[1] ?? "", args[2] === "true"),
  insert: () => insert(args[0] ?? "", args[1] ?? "", args[2] ?? ""),
  rucio: () => rucio(args[0] ?? ""),
}[phase ?? ""];
if (!run) throw new Error(`unknown phase ${phase}`);
console.log(JSON.stringify(await run()));
process.exit(0);
