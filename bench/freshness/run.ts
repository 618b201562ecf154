import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { migrate } from "../../prisma/migrate";
import { REPO_ROOT } from "../../testing/repo-root";
import { LOCAL_RUCIO_EVENTS, LOCAL_RUCIO_URL, rucioCli, rucioToken, uniqueSuffix } from "../../testing/local-rucio";
import { buildPortal, startBuiltPortal, type PortalUnderTest } from "../../testing/portal-under-test";
import { Latencies } from "../search/stats";

/**
 * npm run bench:freshness -- [--datasets 40] [--polled 8] [--interval 60]
 * How long a dataset added in Rucio takes to be searchable in the portal: the local Rucio, its hermes and
 * the project's broker, and a production build of the portal on a scratch SQLite catalog. Each dataset is
 * added with Rucio's REST API (POST /dids, as `rucio did add` does) and the portal's /api/search is asked
 * for it every 50 ms from Rucio's answer on. Twice: following Rucio's event stream (`datasets` datasets),
 * and with the events off and the scheduled indexer every `interval` s, the way without a broker (`polled`
 * datasets, added at offsets spread evenly over the schedule). Then Rucio's REST
 * reads per staged dataset: `stagings` rule-mode stagings tracked to OK with and without the event stream
 * (staging-reads.ts).
 * Markdown on stdout and in .local/bench/freshness.md.
 */
const { values } = parseArgs({
  options: {
    datasets: { type: "string", default: "40" },
    polled: { type: "string", default: "8" },
    interval: { type: "string", default: "60" },
    stagings: { type: "string", default: "5" },
  },
});
const [datasets, polled, interval, stagings] = [values.datasets, values.polled, values.interval, values.stagings].map(
  Number,
) as [number, number, number, number];
const SCOPE = "freshness_bench";
const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An interrupted run leaves SQLite's -wal and -shm beside the file: a new database must not meet them. */
const removeDatabase = (file: string) => {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
};

async function addDataset(token: string, name: string): Promise<void> {
  const response = await fetch(`${LOCAL_RUCIO_URL}/dids/${SCOPE}/${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { "X-Rucio-Auth-Token": token, "Content-Type": "application/json" },
    body: JSON.stringify({ type: "DATASET", lifetime: 86_400 }),
  });
  if (response.status !== 201)
    throw new Error(`Rucio refused ${name}: HTTP ${response.status} ${await response.text()}`);
}

async function searchable(portal: PortalUnderTest, name: string): Promise<boolean> {
  const response = await fetch(`${portal.url}/api/search?limit=1&q=${encodeURIComponent(`name:${name}`)}`);
  if (!response.ok) throw new Error(`search answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { items: unknown[] }).items.length > 0;
}

/** Adds `count` datasets one after another, after `pauseMs(index)` each, and times each until the portal finds it. */
async function measure(
  portal: PortalUnderTest,
  label: string,
  count: number,
  pauseMs: (index: number) => number,
  timeoutMs: number,
) {
  const token = await rucioToken("root");
  const latencies = new Latencies();
  const run = uniqueSuffix();
  for (let index = 0; index < count; index += 1) {
    await sleep(pauseMs(index));
    const name = `${SCOPE}.${label}.${run}.${index}`;
    await addDataset(token, name);
    const added = performance.now();
    while (!(await searchable(portal, name))) {
      if (performance.now() - added > timeoutMs) throw new Error(`${name} was not searchable after ${timeoutMs} ms`);
      await sleep(50);
    }
    latencies.add(performance.now() - added);
    log(`  ${label} ${index + 1}/${count}: ${Math.round(performance.now() - added)} ms`);
  }
  return latencies.summary();
}

async function withPortal<T>(
  label: string,
  env: Record<string, string>,
  work: (portal: PortalUnderTest) => Promise<T>,
) {
  const dir = join(REPO_ROOT, ".local/bench");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `freshness-${label}.db`);
  removeDatabase(file);
  const databaseUrl = `file:${file}`;
  await migrate({ databaseUrl });
  // The catalog follows the scopes it indexes: the bench scope, indexed once before the portal starts.
  process.env.DATABASE_URL ??= databaseUrl;
  const { connectDatabase } = await import("../../portal/server/db/client");
  const { runIndexer } = await import("../../portal/server/catalog/indexer/run-indexer");
  const catalog = connectDatabase(databaseUrl);
  await runIndexer(catalog, { scopes: [SCOPE] });
  await catalog.client.$disconnect();
  const portal = await startBuiltPortal({
    build: "copy",
    label: `freshness-${label}`,
    env: { DATABASE_URL: databaseUrl, RUCIO_URL: LOCAL_RUCIO_URL, ...env },
  });
  try {
    return await work(portal);
  } finally {
    await portal.stop();
  }
}

interface StagingReads {
  reads: number[];
  secondsToOk: number[];
  unfinished: number;
}

async function stagingReads(label: string, events: boolean): Promise<StagingReads> {
  const file = join(REPO_ROOT, ".local/bench", `freshness-staging-${label}.db`);
  removeDatabase(file);
  const args = ["--conditions=react-server", "--import", "tsx", join(REPO_ROOT, "bench/freshness/staging-reads.ts")];
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...args, `file:${file}`, String(stagings), ...(events ? ["--events"] : [])],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(REPO_ROOT, "portal/tsconfig.json") },
      timeout: 900_000,
    },
  );
  // The tracker logs on stdout too: the figures are the last line.
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as StagingReads;
}

async function main() {
  if (!(await rucioCli("root", ["scope", "list"])).includes(SCOPE)) {
    await rucioCli("root", ["scope", "add", SCOPE, "--account", "root"]);
  }
  log("building the portal (once per change of its sources)");
  buildPortal(log);
  const events = { RUCIO_EVENTS_URL: LOCAL_RUCIO_EVENTS.url, RUCIO_EVENTS_DESTINATION: LOCAL_RUCIO_EVENTS.destination };
  log(`following Rucio's event stream: ${datasets} datasets`);
  const followed = await withPortal("events", { ...events, CATALOG_INDEX_INTERVAL_SECONDS: "0" }, (portal) =>
    measure(portal, "events", datasets, () => 300, 60_000),
  );
  log(`polling: the scheduled indexer every ${interval} s, ${polled} datasets`);
  const scheduled = await withPortal("polled", { CATALOG_INDEX_INTERVAL_SECONDS: String(interval) }, (portal) =>
    // Found just after a run, the next one is added a growing part of the interval later: the additions fall
    // evenly over the schedule, as datasets created at any time do.
    measure(portal, "polled", polled, (index) => (index * interval * 1000) / polled, (interval + 120) * 1000),
  );
  log(`Rucio reads per staged dataset: ${stagings} stagings following the event stream, then ${stagings} polled`);
  const byMessages = await stagingReads("events", true);
  const byPolling = await stagingReads("polled", false);
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  const readsRow = (what: string, s: StagingReads) =>
    `| ${what} | ${s.reads.length} | ${mean(s.reads).toFixed(1)} | ${Math.max(...s.reads)} | ${mean(s.secondsToOk).toFixed(1)} | ${s.unfinished} |`;
  const row = (what: string, s: ReturnType<Latencies["summary"]>) =>
    `| ${what} | ${s.n} | ${(s.p50 / 1000).toFixed(2)} | ${(s.p95 / 1000).toFixed(2)} | ${(s.max / 1000).toFixed(2)} |`;
  const report = [
    `## From \`POST /dids\` to searchable in the portal (${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)})`,
    "",
    "| path | datasets | p50 s | p95 s | max s |",
    "|---|---|---|---|---|",
    row("Rucio's event stream (hermes every 2 s → RabbitMQ STOMP → portal)", followed),
    row(`scheduled indexer every ${interval} s`, scheduled),
    "",
    "Rule-mode stagings of fresh 2-file datasets to OK (Rucio's conveyor with its mock transfer tool), Rucio REST reads of each rule:",
    "",
    "| tracker | stagings | reads per staging (mean) | max | seconds from Stage to OK (mean) | not OK after 10 min |",
    "|---|---|---|---|---|---|",
    readsRow("moved by Rucio's messages (fallback poll every 5 min)", byMessages),
    readsRow("polling (every 2 s, growing 1.5× per quiet poll up to 60 s)", byPolling),
    "",
  ].join("\n");
  writeFileSync(join(REPO_ROOT, ".local/bench/freshness.md"), report);
  process.stdout.write(report);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
