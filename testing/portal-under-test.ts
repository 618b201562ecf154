import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "./free-port";
import { REPO_ROOT } from "./repo-root";

/**
 * The portal as a real Next.js server with an environment of the test's own (database, secrets, OIDC
 * issuer, settings). Development servers and production builds run from scratch copies of the sources
 * under .local/ so that they never compete with a developer's `next dev`/`next build` for the working
 * tree's .next folder (Next.js allows one dev server per folder).
 */
const DEV_COPY = join(REPO_ROOT, ".local", "portal-under-test");
const BUILD_COPY = join(REPO_ROOT, ".local", "bench", "portal-build");
const LOGS = join(REPO_ROOT, ".local", "portal-under-test-logs");
const NEXT_BIN = join(REPO_ROOT, "node_modules", "next", "dist", "bin", "next");

export interface PortalUnderTest {
  url: string;
  pid: number;
  /** Where everything the server printed goes. */
  logFile: string;
  /** Everything the server printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Copies portal/ and prisma/ to `copy`, with a next.config.js that makes the repository Turbopack's root. */
function copySources(copy: string, extra: { excludes: string[]; config: string }): void {
  const rsync = (from: string, excludes: string[] = []) =>
    execFileSync("rsync", [
      "-a",
      "--delete",
      ...excludes.flatMap((pattern) => ["--exclude", pattern]),
      `${join(REPO_ROOT, from)}/`,
      join(copy, from),
    ]);
  mkdirSync(join(copy, "portal"), { recursive: true });
  rsync("portal", ["/.next", "/node_modules", "/next.config.js", "/next-env.d.ts", ...extra.excludes]);
  rsync("prisma");
  execFileSync("cp", ["-p", join(REPO_ROOT, "tsconfig.base.json"), join(copy, "tsconfig.base.json")]);
  const config =
    `import base from ${JSON.stringify(join(REPO_ROOT, "portal", "next.config.js"))};\n` +
    `export default { ...base, outputFileTracingRoot: ${JSON.stringify(REPO_ROOT)}, turbopack: { ...base.turbopack, root: ${JSON.stringify(REPO_ROOT)} }${extra.config} };\n`;
  const configFile = join(copy, "portal", "next.config.js");
  // Rewritten only when different: its modification time takes part in the rebuild check.
  if (!existsSync(configFile) || readFileSync(configFile, "utf8") !== config) writeFileSync(configFile, config);
}

/**
 * `next build` of a copy of the sources in .local/bench/portal-build, redone only when a source file
 * changed since the last build. Types are checked by `npm run typecheck`, not again here.
 */
export function buildPortal(log: (line: string) => void): void {
  copySources(BUILD_COPY, { excludes: ["*.test.ts"], config: ", typescript: { ignoreBuildErrors: true }" });
  const buildId = join(BUILD_COPY, "portal", ".next", "BUILD_ID");
  const changed = () =>
    execFileSync("find", [
      join(BUILD_COPY, "portal"),
      join(BUILD_COPY, "prisma"),
      join(REPO_ROOT, "protocol", "src"),
      "-path",
      "*/.next",
      "-prune",
      "-o",
      "-type",
      "f",
      "-newer",
      buildId,
      "-print",
      "-quit",
    ])
      .toString()
      .trim();
  if (existsSync(buildId) && !changed()) {
    log("reusing the production build in .local/bench/portal-build");
    return;
  }
  log("building the portal (next build) in .local/bench/portal-build");
  const started = performance.now();
  mkdirSync(LOGS, { recursive: true });
  const logFile = join(LOGS, "build.log");
  const out = openSync(logFile, "w");
  try {
    execFileSync(process.execPath, [NEXT_BIN, "build"], {
      cwd: join(BUILD_COPY, "portal"),
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

export interface PortalOptions {
  /** Settings of this run; a random NEXTAUTH_SECRET and PORTAL_DEPLOYMENT=test unless given. */
  env: Record<string, string>;
  /** Known before the start when the test needs the URL first (e.g. for an OIDC redirect URI). */
  port?: number;
  /** Names the log file. */
  label: string;
  /** A production build served by this many processes on one port (portal/scripts/serve.ts); 1 is `next start`. */
  processes?: number;
}

/** `next dev` of a fresh copy of the sources: what the integration suites test over HTTP. */
export async function startPortalUnderTest(options: PortalOptions): Promise<PortalUnderTest> {
  copySources(DEV_COPY, { excludes: [], config: "" });
  // Compiles next-auth's route on the way: the first sign-in then does not wait for it.
  return startNext("dev", join(DEV_COPY, "portal"), options, { readyPath: "/api/auth/csrf", timeoutMs: 240_000 });
}

/**
 * `next start` of a production build: `build: "copy"` is buildPortal's, `"working-tree"` the one
 * scripts/e2e.sh makes in portal/.next.
 */
export async function startBuiltPortal(
  options: PortalOptions & { build: "copy" | "working-tree" },
): Promise<PortalUnderTest> {
  const dir = options.build === "copy" ? join(BUILD_COPY, "portal") : join(REPO_ROOT, "portal");
  if (!existsSync(join(dir, ".next", "BUILD_ID"))) throw new Error(`no portal build in ${dir}`);
  // scripts/portal.sh stamps the base path its build was made for; the portal answers only under it.
  const stamp = join(dir, ".next", "PORTAL_BASE_PATH");
  const basePath = existsSync(stamp)
    ? readFileSync(stamp, "utf8")
        .trim()
        .replace(/^base:/, "")
    : "";
  // Any answer will do: /api/health is 503 while Rucio is down, and that is a running portal too.
  return startNext("start", dir, options, { readyPath: "/api/health", timeoutMs: 120_000 }, basePath);
}

async function startNext(
  command: "dev" | "start",
  cwd: string,
  options: PortalOptions,
  ready: { readyPath: string; timeoutMs: number },
  basePath = "",
): Promise<PortalUnderTest> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}${basePath}`;
  mkdirSync(LOGS, { recursive: true });
  const logFile = join(LOGS, `${options.label}.log`);
  const out = openSync(logFile, "w");
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(NODE_ENV|VITEST|TEST|NEXT_|TSX_)/.test(key)),
  );
  const args =
    command === "start" && (options.processes ?? 1) > 1
      ? [
          "--import",
          "tsx",
          join(cwd, "scripts", "serve.ts"),
          "--port",
          String(port),
          "--processes",
          String(options.processes),
        ]
      : [NEXT_BIN, command, "-H", "127.0.0.1", "-p", String(port)];
  const child = spawn(process.execPath, args, {
    cwd,
    // Without NODE_ENV: `next dev` and `next start` set it (Next.js types claim it is always present, hence the cast).
    env: {
      ...inherited,
      NEXT_TELEMETRY_DISABLED: "1",
      // next-auth finds its routes from this URL's path: under a base path it must name them.
      NEXTAUTH_URL: basePath ? `${url}/api/auth` : url,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      PORTAL_DEPLOYMENT: "test",
      ...options.env,
    } as unknown as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["ignore", out, out],
  });
  closeSync(out);
  const output = () => readFileSync(logFile, "utf8");
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const stop = async () => {
    if (gone() || child.pid === undefined) return;
    process.kill(-child.pid, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (!gone()) process.kill(-child.pid, "SIGKILL");
  };
  try {
    await waitForAnswer(`${url}${ready.readyPath}`, gone, ready.timeoutMs, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid!, logFile, output, stop };
}

async function waitForAnswer(
  url: string,
  exited: () => boolean,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`the portal exited before answering ${url}:\n${output()}`);
    // A first answer of `next dev` compiles the route: it may take long.
    if (
      await fetch(url, { signal: AbortSignal.timeout(120_000) }).then(
        () => true,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the portal did not answer ${url} within ${timeoutMs} ms:\n${output()}`);
}
