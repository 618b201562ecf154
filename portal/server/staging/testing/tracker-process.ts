import { spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../../../../testing/repo-root";

/** The staging tracker CLI (tracker-cli.ts) as a child process of its own, so a test can kill it. */
export interface TrackerProcess {
  pid: number;
  output(): string;
  /** SIGKILL to the whole process group: no chance to clean up, like a crash. */
  kill(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

export function startTrackerProcess(env: Record<string, string>): TrackerProcess {
  const child = spawn(
    process.execPath,
    [
      join(REPO_ROOT, "node_modules", "tsx", "dist", "cli.mjs"),
      "--conditions=react-server",
      "--tsconfig",
      "portal/tsconfig.json",
      "portal/server/staging/tracker-cli.ts",
    ],
    { cwd: REPO_ROOT, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, name);
    await exited;
  };
  return { pid: child.pid!, output: () => log, kill: () => signal("SIGKILL"), stop: () => signal("SIGTERM") };
}
