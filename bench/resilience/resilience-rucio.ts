import { execFile } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../../testing/repo-root";

/**
 * A second local Rucio (rucio/up.sh with its own state folder and port) for the tests that stop Rucio
 * or load it with a thousand rules: the one on 8080 serves every other test meanwhile. It shares the
 * main instance's venv (same requirements) through a symlink, so it needs no second pip install.
 */
const run = promisify(execFile);
const port = Number(process.env.RESILIENCE_RUCIO_PORT ?? 8480);
const state = join(REPO_ROOT, ".local", "rucio-resilience");

export const resilienceRucio = {
  url: `http://127.0.0.1:${port}`,
  env: { RUCIO_PORT: String(port), RUCIO_STATE: state },
  accessLog: join(state, "logs", "access.log"),
};

function rucioScript(script: string, timeoutMs = 900_000) {
  return run("bash", ["-c", script], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...resilienceRucio.env },
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Starts (or finds running) the whole instance: server, daemons, demo accounts and data. Idempotent. */
export async function resilienceRucioUp(): Promise<void> {
  const sharedVenv = join(REPO_ROOT, ".local", "rucio", "venv");
  if (!existsSync(join(state, "venv")) && existsSync(join(sharedVenv, "bin", "python"))) {
    mkdirSync(state, { recursive: true });
    symlinkSync(sharedVenv, join(state, "venv"));
  }
  await rucioScript("bash rucio/up.sh");
}

/** Stops the REST server only (the daemons go on working on Rucio's database), as rucio/down.sh does. */
export async function stopRucioServer(): Promise<void> {
  await rucioScript("source rucio/lib.sh && stop_background server", 60_000);
}

/** Stops the conveyor daemons: rules wait in REPLICATING until rucio/up.sh starts them again. */
export async function stopRucioDaemons(): Promise<void> {
  await rucioScript(
    'source rucio/lib.sh && for name in "${DAEMONS[@]}"; do stop_background "conveyor-$name"; done',
    60_000,
  );
}

/** Brings back what was stopped (server, daemons): rucio/up.sh finds everything else in place. */
export async function startRucioAgain(): Promise<void> {
  await rucioScript("bash rucio/up.sh");
}

export async function resilienceRucioDown(): Promise<void> {
  await rucioScript("bash rucio/down.sh", 120_000);
}

/** Registers `count` new datasets of `files` files on REMOTE-POSIX as root; returns their DIDs. */
export async function registerStagingDatasets(
  count: number,
  files: number,
  label: string,
): Promise<{ scope: string; name: string }[]> {
  const script = `source rucio/lib.sh && client_env root "$VENV/bin/python" bench/resilience/register_staging_datasets.py ${count} ${files} ${label}`;
  const { stdout } = await rucioScript(script);
  return stdout
    .split("\n")
    .filter(Boolean)
    .map((name) => ({ scope: "load_13TeV", name }));
}
