import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { parseQuery } from "../../portal/lib/catalog/query";
import { searchTextFor } from "../../portal/lib/catalog/search-text";
import { didStoreFor } from "../../portal/server/catalog/indexer/did-store";
import { canonicalJson, databaseTimestamp, type DidRow } from "../../portal/server/catalog/indexer/did-row";
import { compileFilter } from "../../portal/server/catalog/search/compile";
import { render } from "../../portal/server/catalog/search/sql";
import { changeLogEnd, evaluateWatches } from "../../portal/server/catalog/watches";
import { connectDatabase, type DatabaseConnection } from "../../portal/server/db/client";
import { REPO_ROOT } from "../../testing/repo-root";
import { ensureBenchCatalog } from "../search/bench-catalog";
import type { BenchDialect } from "../search/bench-database";
import { type SyntheticDid, syntheticCatalog } from "../search/synthetic-catalog";
import { watchQueries } from "./watch-queries";

/**
 * npm run bench:watches -- --dialect sqlite|postgres [--rows 1000000] [--watches 10000] [--added 1000] [--naive 200]
 * Evaluating watched searches after an indexing run: `watches` saved searches over the bench catalog of
 * `rows` datasets, then `added` new DIDs and a tenth as many metadata changes written through the
 * indexer's own store; times the evaluation and samples its memory. Baseline: one SQL query per watch over
 * the changed rows, timed for `naive` watches and scaled to all. Leaves the catalog as it found it.
 */
const { values } = parseArgs({
  options: {
    dialect: { type: "string", default: "sqlite" },
    rows: { type: "string", default: "1000000" },
    watches: { type: "string", default: "10000" },
    added: { type: "string", default: "1000" },
    naive: { type: "string", default: "200" },
  },
});
if (values.dialect !== "sqlite" && values.dialect !== "postgres") throw new Error("--dialect is sqlite or postgres");
const dialect = values.dialect as BenchDialect;
const [rows, watchCount, added, naiveCount] = [values.rows, values.watches, values.added, values.naive].map(Number) as [
  number,
  number,
  number,
  number,
];
const log = (line: string) => process.stderr.write(`${line}\n`);
const BENCH_USER = "bench-watcher";
const SUFFIX = "_bw";

/** A synthetic DID as the indexer's store takes it (the inverse of the typing SyntheticDid adds). */
const rowOf = (did: SyntheticDid): DidRow => ({
  ...did,
  bytes: Number(did.bytes),
  events: did.events === null ? null : Number(did.events),
  rucioCreatedAt: databaseTimestamp(did.rucioCreatedAt),
  rucioUpdatedAt: databaseTimestamp(did.rucioUpdatedAt),
  meta: canonicalJson(did.meta),
});

/** What the indexer writes when Rucio reports a new data type for the DID. */
function retyped(did: SyntheticDid): SyntheticDid {
  const datatype = did.datatype === "AOD" ? "DAOD_PHYS" : "AOD";
  const meta = { ...did.meta, datatype };
  return { ...did, datatype, meta, searchText: searchTextFor({ ...did, meta }) };
}

async function writeGrouped(database: DatabaseConnection, dids: SyntheticDid[]) {
  const store = didStoreFor(database.provider);
  const groups = new Map<string, SyntheticDid[]>();
  for (const did of dids)
    groups.set(`${did.instance}\u0000${did.scope}`, [...(groups.get(`${did.instance}\u0000${did.scope}`) ?? []), did]);
  for (const group of groups.values()) {
    const { instance, scope } = group[0]!;
    await database.client.scope.upsert({
      where: { instance_name: { instance, name: scope } },
      create: { instance, name: scope, account: "bench" },
      update: {},
    });
    await store.writeBatch(database.client, { instance, scope }, group.map(rowOf), new Date());
  }
}

async function cleanUp(database: DatabaseConnection, originals: SyntheticDid[]) {
  if (originals.length) await writeGrouped(database, originals);
  await database.client.did.deleteMany({ where: { id: { gt: rows } } });
  await database.client.scope.deleteMany({ where: { account: "bench" } });
  await database.client.user.deleteMany({ where: { id: BENCH_USER } });
  await database.client.didChange.deleteMany();
}

/** Peak resident memory while `work` runs, sampled every 5 ms. */
async function withPeakRss<T>(
  work: () => Promise<T>,
): Promise<{ value: T; ms: number; baseMb: number; peakMb: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, ms: performance.now() - started, baseMb: base / 2 ** 20, peakMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

async function naiveEvaluation(database: DatabaseConnection, queries: string[], changedIds: number[]): Promise<number> {
  const sqlDialect = database.provider === "sqlite" ? "sqlite" : "postgresql";
  const idList = changedIds.join(",");
  const started = performance.now();
  for (const q of queries) {
    const filter = compileFilter(parseQuery(q), sqlDialect);
    const where = [`"id" IN (${idList})`, ...filter.walkRows.map((c) => `(${c.text})`)].join(" AND ");
    const statement = render(sqlDialect, {
      text: `SELECT "id" FROM "Did" WHERE ${where}`,
      params: filter.walkRows.flatMap((c) => c.params),
    });
    await database.client.$queryRawUnsafe(statement.text, ...statement.params);
  }
  return (performance.now() - started) / queries.length;
}

async function main() {
  const { url } = await ensureBenchCatalog(dialect, rows, log);
  const database = connectDatabase(url);
  const sample = [...syntheticCatalog(Math.min(rows, 20_000))];
  const changed = sample.filter((_, i) => i % Math.floor(sample.length / Math.max(1, Math.round(added / 10))) === 0);
  try {
    await cleanUp(database, []);
    await database.client.user.create({ data: { id: BENCH_USER, name: BENCH_USER } });
    const queries = watchQueries(watchCount, sample);
    const start = await changeLogEnd(database);
    log(`saving ${watchCount.toLocaleString("en")} watches`);
    for (let i = 0; i < queries.length; i += 1000) {
      await database.client.watch.createMany({
        data: queries.slice(i, i + 1000).map((query, j) => ({
          userId: BENCH_USER,
          name: `watch ${i + j}`,
          query,
          sort: "newest",
          evaluatedThrough: start,
        })),
      });
    }
    const fresh = [...syntheticCatalog(added, 99)].map((did) => {
      const name = `${did.name}${SUFFIX}`;
      return { ...did, name, searchText: searchTextFor({ ...did, name }) };
    });
    log(`writing ${fresh.length} new DIDs and changing ${changed.length} through the indexer's store`);
    const writeStarted = performance.now();
    await writeGrouped(database, fresh);
    await writeGrouped(database, changed.map(retyped));
    const writeMs = performance.now() - writeStarted;
    const changedIds = (await database.client.didChange.findMany({ select: { didId: true } })).map((c) => c.didId);

    log("evaluating");
    const run = await withPeakRss(() => evaluateWatches(database));
    const matches = await database.client.watchMatch.count();
    const matchingWatches = run.value.newMatches.size;
    log(`naive baseline over ${naiveCount} watches`);
    const naiveMs = await naiveEvaluation(database, queries.slice(0, naiveCount), changedIds);

    const report = [
      `# Watched searches: ${dialect}, ${rows.toLocaleString("en")} datasets, ${watchCount.toLocaleString("en")} watches`,
      "",
      `${new Date().toISOString()}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}`,
      "",
      "| what | figure |",
      "|---|---:|",
      `| indexing run: new DIDs + changed DIDs written (store upsert, change log on) | ${fresh.length} + ${changed.length} in ${writeMs.toFixed(0)} ms |`,
      `| change-log entries read | ${run.value.changes.toLocaleString("en")} |`,
      `| **evaluation of all watches** | **${run.ms.toFixed(0)} ms** |`,
      `| peak RSS during evaluation (before it) | ${run.peakMb.toFixed(0)} MB (${run.baseMb.toFixed(0)} MB) |`,
      `| new matches recorded / watches with a new match | ${matches.toLocaleString("en")} / ${matchingWatches.toLocaleString("en")} |`,
      `| baseline: one SQL query per watch over the changed rows | ${naiveMs.toFixed(2)} ms per watch, ${((naiveMs * watchCount) / 1000).toFixed(1)} s for all (from ${naiveCount}) |`,
      "",
    ].join("\n");
    process.stdout.write(report);
    mkdirSync(`${REPO_ROOT}.local/bench`, { recursive: true });
    writeFileSync(`${REPO_ROOT}.local/bench/watches-${dialect}-${rows}.md`, report);
  } finally {
    await cleanUp(database, changed);
    await database.client.$disconnect();
  }
}

await main();
