import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../prisma/lib/database-url";

/**
 * The portal as it runs in production (`next build`, then `next start`), built from a copy of the
 * sources under .local/bench/portal-build so that it never competes with the working tree's own .next
 * folder (a developer's `next dev`, scripts/portal.sh). The build is kept and redone only when a source
 * file changed.
 */
const COPY = join(repoRoot, ".local", "bench", "portal-build");
const NEXT_BIN = join(repoRoot, "node_modules", "next", "dist", "bin", "next");

export interface BuiltPortal {
  url: string;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

function copySources(): void {
  const rsync = (from: string, excludes: string[] = []) =>
    execFileSync("rsync", ["-a", "--delete", ...excludes.flatMap((pattern) => ["--exclude", pattern]), `${join(repoRoot, from)}/`, join(COPY, from)]);
  mkdirSync(join(COPY, "portal"), { recursive: true });
  rsync("portal", ["/.next", "/node_modules", "/next.config.js", "/next-env.d.ts", "*.test.ts"]);
  rsync("prisma");
  execFileSync("cp", ["-p", join(repoRoot, "tsconfig.base.json"), join(COPY, "tsconfig.base.json")]);
  // The project's config with the repository as Turbopack's root (node_modules live there). Types are
  // checked by `npm run typecheck`, not again here: this build only serves measurements.
  const config =
    `import base from ${JSON.stringify(join(repoRoot, "portal", "next.config.js"))};\n` +
    `export default { ...base, outputFileTracingRoot: ${JSON.stringify(repoRoot)}, turbopack: { ...base.turbopack, root: ${JSON.stringify(repoRoot)} }, ` +
    `typescript: { ignoreBuildErrors: true } };\n`;
  const configFile = join(COPY, "portal", "next.config.js");
  // Rewritten only when different: its modification time takes part in the rebuild check.
  if (!existsSync(configFile) || readFileSync(configFile, "utf8") !== config) writeFileSync(configFile, config);
}

/** Copies the sources and runs `next build` when the copy changed since the last build. */
export function buildPortal(log: (line: string) => void): void {
  copySources();
  const buildId = join(COPY, "portal", ".next", "BUILD_ID");
  const changed = () =>
    execFileSync("find", [join(COPY, "portal"), join(COPY, "prisma"), join(repoRoot, "protocol", "src"), "-path", "*/.next", "-prune", "-o", "-type", "f", "-newer", buildId, "-print", "-quit"])
      .toString()
      .trim();
  if (existsSync(buildId) && !changed()) {
    log("reusing the production build in .local/bench/portal-build");
    return;
  }
  log("building the portal (next build) in .local/bench/portal-build");
  const started = performance.now();
  const logFile = join(repoRoot, ".local", "bench", "portal-build.log");
  const out = openSync(logFile, "w");
  try {
    execFileSync(process.execPath, [NEXT_BIN, "build"], {
      cwd: join(COPY, "portal"),
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
      stdio: ["ignore", out, out],
    });
  } catch {
    throw new Error(`next build failed:\n${readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n")}`);
  } finally {
    closeSync(out);
  }
  log(`  built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

async function waitForAnswer(url: string, exited: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`next start exited before answering ${url}`);
    // Any answer will do: /api/health is 503 while Rucio is down, and that is a running portal too.
    if (await fetch(url, { signal: AbortSignal.timeout(5_000) }).then(() => true, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the portal did not answer ${url} within ${timeoutMs} ms`);
}

/** `next start` of the build on 127.0.0.1:port with the given environment (DATABASE_URL, RUCIO_URL, ...). */
export async function startBuiltPortal(port: number, env: Record<string, string>, label: string): Promise<BuiltPortal> {
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(repoRoot, ".local", "bench", `portal-${label}.log`);
  const out = openSync(logFile, "w");
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(NODE_ENV|VITEST|TEST|NEXT_)/.test(key)));
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: join(COPY, "portal"),
    env: {
      ...inherited,
      NODE_ENV: "production",
      PORTAL_DEPLOYMENT: "test",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      ...env,
    },
    detached: true,
    stdio: ["ignore", out, out],
  });
  closeSync(out);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const stop = async () => {
    if (gone()) return;
    process.kill(-child.pid!, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (!gone()) process.kill(-child.pid!, "SIGKILL");
  };
  try {
    await waitForAnswer(`${url}/api/health`, gone, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid!, logFile, stop };
}
