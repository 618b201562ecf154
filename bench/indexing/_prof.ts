import { spawnSync } from "node:child_process";
import { startReplayServer } from "./rucio-recording";
const replay = await startReplayServer(".local/bench/indexing/recording", ["scale_13TeV"]);
const env = { ...process.env, RUCIO_INSTANCES: JSON.stringify([{ name: "default", url: replay.url, username: "root", password: "root-secret", timeoutMs: 120000 }]) };
import { rmSync } from "node:fs"; rmSync("/tmp/prof/db.db", { force: true });
const r = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir=/tmp/prof", "--conditions=react-server", "--import", "tsx", "bench/indexing/phase.ts", "index", "file:/tmp/prof/db.db", "scale_13TeV", "true"], { env, stdio: "inherit" });
await replay.close(); process.exit(r.status ?? 1);
