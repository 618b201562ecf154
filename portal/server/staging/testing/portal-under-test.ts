import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Runs the portal for integration tests as a real Next.js server (`next dev`) with its own
 * environment (scratch database, secrets, OIDC issuer). It runs from a scratch copy of the sources
 * under .local/ so that it never competes with a developer's own `next dev`/`next build` for the
 * working tree's .next folder (Next.js allows one dev server per folder).
 */
export const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const COPY_ROOT = join(REPO_ROOT, ".local", "portal-under-test");

export interface PortalUnderTest {
  url: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function copySources(): string {
  const rsync = (from: string, to: string, excludes: string[] = []) =>
    execFileSync("rsync", ["-a", "--delete", ...excludes.flatMap((pattern) => ["--exclude", pattern]), `${join(REPO_ROOT, from)}/`, join(COPY_ROOT, to)]);
  execFileSync("mkdir", ["-p", join(COPY_ROOT, "portal"), join(COPY_ROOT, "prisma")]);
  rsync("portal", "portal", ["/.next", "/node_modules", "/next.config.js", "/next-env.d.ts"]);
  rsync("prisma", "prisma");
  execFileSync("cp", [join(REPO_ROOT, "tsconfig.base.json"), join(COPY_ROOT, "tsconfig.base.json")]);
  // The project's config, with the repository as Turbopack's root (node_modules live there).
  writeFileSync(
    join(COPY_ROOT, "portal", "next.config.js"),
    `import base from ${JSON.stringify(join(REPO_ROOT, "portal", "next.config.js"))};\n` +
      `export default { ...base, outputFileTracingRoot: ${JSON.stringify(REPO_ROOT)}, turbopack: { ...base.turbopack, root: ${JSON.stringify(REPO_ROOT)} } };\n`,
  );
  return join(COPY_ROOT, "portal");
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the portal exited (${child.exitCode}):\n${output()}`);
    try {
      // Compiles next-auth's route on the way: the first sign-in then does not wait for it.
      const response = await fetch(`${url}/api/auth/csrf`, { signal: AbortSignal.timeout(120_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the portal did not answer within ${timeoutMs} ms:\n${output()}`);
}

/** `port` lets a test know the portal's URL before it starts (e.g. for an OIDC redirect URI). */
export async function startPortalUnderTest(env: Record<string, string>, port?: number): Promise<PortalUnderTest> {
  const dir = copySources();
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(NODE_ENV|VITEST|TEST|NEXT_)/.test(key)));
  const child = spawn(process.execPath, [join(REPO_ROOT, "node_modules", "next", "dist", "bin", "next"), "dev", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: dir,
    // Without NODE_ENV: `next dev` sets it (Next.js types claim it is always present, hence the cast).
    env: { ...inherited, NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_URL: url, PORTAL_DEPLOYMENT: "test", ...env } as unknown as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const output = () => log;
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid, "SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  };
  try {
    await waitUntilServing(url, child, output, 240_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, output, stop };
}
