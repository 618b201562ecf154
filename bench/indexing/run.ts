// `npm run bench:indexing [-- --record] [--scope S] [--only replay,e2e,rucio]`: indexing rate of the catalog indexer.
//  (a) from a recorded Rucio stream (the real answers for the scope, recorded once into .local/bench/indexing/,
//      replayed by a local server speaking the same endpoints) into fresh SQLite and PostgreSQL catalogs,
//      and the catalog writes alone (raw insert rate);
//  (b) end to end from the real local Rucio into a fresh catalog, with peak RSS, and each Rucio call alone
//      to show where the time goes.
// Every phase runs in a child process (fresh heap, own peak RSS). Results: .local/bench/indexing/results.{json,md}.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { recordedDidCount, startRecordingProxy, startReplayServer } from "./rucio-recording";
import { REPO_ROOT } from "../../testing/repo-root";
import { createScratchDatabase } from "../../testing/scratch-database";

const OUT = join(REPO_ROOT, ".local/bench/indexing");
const RECORDING = join(OUT, "recording");
const RUCIO_URL = process.env.RUCIO_URL ?? "http://127.0.0.1:8080";
const SCALE = 50_000;

const { values } = parseArgs({
  options: {
    record: { type: "boolean", default: false },
    scope: { type: "string", default: "scale_13TeV" },
    /** Comma-separated subset of: replay, e2e, rucio. */
    only: { type: "string", default: "replay,e2e,rucio" },
  },
});
const scope = values.scope ?? "scale_13TeV";
const only = new Set((values.only ?? "").split(","));

/** Instance settings pointing the indexer at `url` with the demo's service identity. */
const instanceAt = (url: string) =>
  JSON.stringify([
    { name: "default", url, username: "root", password: "root-secret", account: "root", timeoutMs: 120_000 },
  ]);

async function phase<T>(args: string[], env: Record<string, string> = {}): Promise<T> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", join(REPO_ROOT, "bench/indexing/phase.ts"), ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(REPO_ROOT, "portal/tsconfig.json"), ...env },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`phase ${args.join(" ")} exited with ${code}:\n${output}`);
  return JSON.parse(output.trim().split("\n").at(-1) ?? "null") as T;
}

async function withScratch<T>(provider: "sqlite" | "postgresql", run: (url: string) => Promise<T>): Promise<T> {
  const scratch = await createScratchDatabase(provider, "bench_indexing");
  try {
    return await run(scratch.url);
  } finally {
    await scratch.drop();
  }
}

interface IndexResult {
  dids: number;
  rows: number;
  seconds: number;
  perSecond: number;
  nodeCpuMicrosPerDid: number;
  peakRssMb: number;
}
interface InsertResult {
  dids: number;
  seconds: number;
  perSecond: number;
  nodeCpuMicrosPerDid: number;
  peakRssMb: number;
}
interface RucioResult {
  dids: number;
  listingPerSecond: number;
  bulkmetaPerSecond: number;
  bulkfilesPerSecond: number;
  bulkfilesRecords: number;
  nodeParseAndMapMicrosPerDid: number;
}

async function record(): Promise<void> {
  console.log(`recording the Rucio answers for ${scope} from ${RUCIO_URL} into ${RECORDING}`);
  rmSync(join(RECORDING, scope), { recursive: true, force: true });
  mkdirSync(RECORDING, { recursive: true });
  const proxy = await startRecordingProxy(RUCIO_URL, RECORDING);
  try {
    await withScratch("sqlite", (url) =>
      phase(["index", url, scope, "true"], { RUCIO_INSTANCES: instanceAt(proxy.url) }),
    );
  } finally {
    await proxy.close();
  }
}

const rate = (value: number) => `${Math.round(value).toLocaleString("en-US")}/s`;
const row = (label: string, result: IndexResult | InsertResult) => [
  label,
  String(result.dids),
  `${result.seconds.toFixed(2)} s`,
  rate(result.perSecond),
  `${result.nodeCpuMicrosPerDid.toFixed(0)} µs`,
  `${result.peakRssMb} MB`,
];

async function main() {
  await promisify(execFile)("bash", [join(REPO_ROOT, "rucio/generate-scale.sh"), String(SCALE)], {
    cwd: REPO_ROOT,
    timeout: 600_000,
  });
  if (values.record || !existsSync(join(RECORDING, scope, "bulkmeta.ndjson"))) await record();
  const recorded = recordedDidCount(RECORDING, scope);
  console.log(
    `recorded: ${recorded} DIDs of ${scope}; machine: ${cpus().length} CPU(s), ${cpus()[0]?.model ?? "?"}, Node ${process.version}`,
  );

  const replay = await startReplayServer(RECORDING, [scope]);
  const replayEnv = { RUCIO_INSTANCES: instanceAt(replay.url) };
  const load = () => loadavg()[0]?.toFixed(1) ?? "?";
  const results: Record<string, unknown> = {
    scope,
    recorded,
    cpus: cpus().length,
    node: process.version,
    at: new Date().toISOString(),
    loadAtStart: load(),
  };
  const rows: string[][] = [];
  try {
    for (const provider of only.has("replay") ? (["sqlite", "postgresql"] as const) : []) {
      const replayed = await withScratch(provider, (url) =>
        phase<IndexResult>(["index", url, scope, "true"], replayEnv),
      );
      const raw = await withScratch(provider, (url) => phase<InsertResult>(["insert", url, scope, RECORDING]));
      results[`replay_${provider}`] = replayed;
      results[`insert_${provider}`] = raw;
      rows.push(row(`(a) recorded stream -> ${provider}`, replayed));
      rows.push(row(`(a) raw insert, catalog writes alone -> ${provider}`, raw));
    }
  } finally {
    await replay.close();
  }
  for (const countOpen of only.has("e2e") ? [true, false] : []) {
    const e2e = await withScratch("sqlite", (url) => phase<IndexResult>(["index", url, scope, String(countOpen)]));
    results[`e2e_sqlite_${countOpen ? "counting" : "not_counting"}_open`] = e2e;
    const label = `(b) real Rucio -> sqlite, ${countOpen ? "counting open collections" : "CATALOG_INDEX_COUNT_OPEN=false"}`;
    rows.push(row(label, e2e));
  }
  const stages = only.has("rucio") ? await phase<RucioResult>(["rucio", scope]) : null;
  results.rucio_stages = stages;

  const table = [
    "| phase | DIDs | time | rate | indexer CPU per DID | peak RSS |",
    "|---|---:|---:|---:|---:|---:|",
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");
  results.loadAtEnd = load();
  const conditions = `Machine: ${cpus().length} CPU(s), Node ${process.version}; 1-minute load average ${results.loadAtStart} at the start, ${results.loadAtEnd} at the end.`;
  const breakdown = stages
    ? `Each Rucio call alone (batches of 1000, 4 in flight): listing names ${rate(stages.listingPerSecond)}, ` +
      `POST /dids/bulkmeta ${rate(stages.bulkmetaPerSecond)}, POST /dids/bulkfiles ${rate(stages.bulkfilesPerSecond)}; ` +
      `Node's own parsing and mapping ${stages.nodeParseAndMapMicrosPerDid.toFixed(1)} µs per DID.`
    : "";
  console.log(`\n${table}\n\n${breakdown}\n${conditions}`);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(OUT, "results.md"), `${table}\n\n${breakdown}\n${conditions}\n`);
  console.log(`\nwritten: ${join(OUT, "results.json")}, ${join(OUT, "results.md")}`);
}

await main();
process.exit(0);
