// `npm run bench:indexing [-- --record] [--scope S] [--only replay,insert,e2e,rucio] [--repeat N]`: indexing rate.
//  (a) from a recorded Rucio stream (the real answers for the scope, recorded once into .local/bench/indexing/,
//      replayed by a local server speaking the same endpoints) into fresh SQLite and PostgreSQL catalogs: the
//      first index on the bulk path and on the normal path, and an incremental run (the listing's second half
//      into a catalog holding its first half); and the catalog writes alone (insert);
//  (b) end to end from the real local Rucio into a fresh catalog, beside each Rucio call alone, measured in
//      the same run, so that the indexer's rate is reported as a fraction of Rucio's bulk metadata rate.
// Every phase runs in a child process (fresh heap, own peak RSS). Results: .local/bench/indexing/results.{json,md}.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { report, type Measured, type RucioResult } from "./report";
import { recordedDidCount, startRecordingProxy, startReplayServer } from "./rucio-recording";
import { REPO_ROOT } from "../../testing/repo-root";
import { createScratchDatabase } from "../../testing/scratch-database";

const OUT = join(REPO_ROOT, ".local/bench/indexing");
const RECORDING = join(OUT, "recording");
const RUCIO_URL = process.env.RUCIO_URL ?? "http://127.0.0.1:8080";
const SCALE = 50_000;
const count = (value: number) => value.toLocaleString("en-US");
const PROVIDERS = ["sqlite", "postgresql"] as const;
type Provider = (typeof PROVIDERS)[number];

const { values } = parseArgs({
  options: {
    record: { type: "boolean", default: false },
    scope: { type: "string", default: "scale_13TeV" },
    /** Comma-separated subset of: replay, insert, e2e, rucio. */
    only: { type: "string", default: "replay,insert,e2e,rucio" },
    /** Runs of each replay and insert phase; the table shows their median. */
    repeat: { type: "string", default: "3" },
  },
});
const scope = values.scope ?? "scale_13TeV";
const only = new Set((values.only ?? "").split(","));
const repeat = Math.max(1, Number(values.repeat) || 1);

/** Instance settings pointing the indexer at `url` with the demo's service identity. */
const instanceAt = (url: string) => ({
  RUCIO_INSTANCES: JSON.stringify([
    { name: "default", url, username: "root", password: "root-secret", account: "root", timeoutMs: 120_000 },
  ]),
});

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

async function withScratch<T>(provider: Provider, run: (url: string) => Promise<T>): Promise<T> {
  const scratch = await createScratchDatabase(provider, "bench_indexing");
  try {
    return await run(scratch.url);
  } finally {
    await scratch.drop();
  }
}

async function record(): Promise<void> {
  console.log(`recording the Rucio answers for ${scope} from ${RUCIO_URL} into ${RECORDING}`);
  rmSync(join(RECORDING, scope), { recursive: true, force: true });
  mkdirSync(RECORDING, { recursive: true });
  const proxy = await startRecordingProxy(RUCIO_URL, RECORDING);
  try {
    await withScratch("sqlite", (url) => phase(["index", url, scope, "true", "normal", "full"], instanceAt(proxy.url)));
  } finally {
    await proxy.close();
  }
}

/** The measured runs, per table row, in the order they were first added. */
const samples = new Map<string, Measured[]>();
function keep(label: string, result: Measured): void {
  samples.set(label, [...(samples.get(label) ?? []), result]);
  console.log(
    `${label}: ${result.dids} DIDs in ${result.seconds.toFixed(2)} s = ${Math.round(result.perSecond)}/s ` +
      `(load ${result.load.join(" → ")})`,
  );
}

async function replayPhases(replay: string): Promise<void> {
  const env = { ...instanceAt(replay), BENCH_REPLAY_URL: replay };
  const index = (url: string, path: "bulk" | "normal", run: "first" | "incremental") =>
    phase<Measured>(["index", url, scope, "true", path, run], env);
  for (let round = 1; round <= repeat; round++) {
    for (const provider of PROVIDERS) {
      keep(
        `(a) first index, bulk path -> ${provider}`,
        await withScratch(provider, (url) => index(url, "bulk", "first")),
      );
      keep(
        `(a) first index, normal path -> ${provider}`,
        await withScratch(provider, (url) => index(url, "normal", "first")),
      );
      const incremental = await withScratch(provider, (url) => index(url, "bulk", "incremental"));
      if (incremental.mode !== "incremental" || incremental.bulk)
        throw new Error(`not an incremental run: ${JSON.stringify(incremental)}`);
      const into = (incremental.rows ?? 0) - incremental.dids;
      keep(`(a) incremental run, ${count(incremental.dids)} new DIDs into ${count(into)} -> ${provider}`, incremental);
    }
  }
}

async function insertPhases(): Promise<void> {
  for (let round = 1; round <= repeat; round++) {
    for (const provider of PROVIDERS) {
      for (const path of ["bulk", "normal"] as const) {
        const label = `(a) catalog writes alone, ${path === "bulk" ? "load + publish" : "batches of 1000"} -> ${provider}`;
        keep(label, await withScratch(provider, (url) => phase<Measured>(["insert", url, scope, RECORDING, path])));
      }
    }
  }
}

/** Each Rucio call alone, then the indexer end to end, `repeat` times: Rucio's rate is known for every round. */
async function endToEndPhases(): Promise<RucioResult[]> {
  const stages: RucioResult[] = [];
  const cases: [Provider, "bulk" | "normal", boolean][] = [
    ["sqlite", "bulk", false],
    ["sqlite", "normal", false],
    ["postgresql", "bulk", false],
    ["postgresql", "normal", false],
    ["sqlite", "bulk", true],
  ];
  for (let round = 1; round <= repeat; round++) {
    if (only.has("rucio")) stages.push(await phase<RucioResult>(["rucio", scope]));
    if (!only.has("e2e")) continue;
    for (const [provider, path, countOpen] of cases) {
      if (countOpen && round > 1) continue; // 3× slower than the rest and Rucio-bound: once is enough
      const result = await withScratch(provider, (url) =>
        phase<Measured>(["index", url, scope, String(countOpen), path, "first"]),
      );
      const counting = countOpen ? "counting files of open collections" : "CATALOG_INDEX_COUNT_OPEN=false";
      keep(`(b) real Rucio, first index, ${path} path -> ${provider}, ${counting}`, result);
    }
  }
  return stages;
}

async function main() {
  await promisify(execFile)("bash", [join(REPO_ROOT, "rucio/generate-scale.sh"), String(SCALE)], {
    cwd: REPO_ROOT,
    timeout: 600_000,
  });
  if (values.record || !existsSync(join(RECORDING, scope, "bulkmeta.ndjson"))) await record();
  const recorded = recordedDidCount(RECORDING, scope);
  const machine = `${cpus().length} CPU(s), ${cpus()[0]?.model ?? "?"}, Node ${process.version}`;
  console.log(`recorded: ${recorded} DIDs of ${scope}; machine: ${machine}`);
  const loadAtStart = loadavg()[0] ?? 0;

  const stages = await endToEndPhases();
  if (only.has("replay")) {
    const replay = await startReplayServer(RECORDING, [scope]);
    try {
      await replayPhases(replay.url);
    } finally {
      await replay.close();
    }
  }
  if (only.has("insert")) await insertPhases();

  const markdown = report(samples, stages, {
    machine,
    repeat,
    loads: [loadAtStart, loadavg()[0] ?? 0],
  });
  console.log(`\n${markdown}`);
  mkdirSync(OUT, { recursive: true });
  const results = {
    scope,
    recorded,
    machine,
    at: new Date().toISOString(),
    repeat,
    rucio: stages,
    samples: Object.fromEntries(samples),
  };
  writeFileSync(join(OUT, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(OUT, "results.md"), `${markdown}\n`);
  console.log(`\nwritten: ${join(OUT, "results.json")}, ${join(OUT, "results.md")}`);
}

await main();
process.exit(0);
