import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, CookieJarClient } from "../../../testing/cookie-jar-client";
import { freePort } from "../../../testing/free-port";
import { LOCAL_RUCIO_URL } from "../../../testing/local-rucio";
import { REPO_ROOT } from "../../../testing/repo-root";
import { until } from "../../../testing/until";
import { useStagingPortal } from "../staging/int-test-support";

// The panel's sign-in outliving its Rucio token, with every part real: the local Rucio issuing tokens
// that last TOKEN_SECONDS to the identity the Jupyter server signs in with (rucio/token-lifetime.sh), the
// portal as a Next.js server with its tracker, and a Jupyter server running the extension from the source
// tree. The panel's browser is a cookie-keeping client that signs in the way /embed/start does.

const TOKEN_SECONDS = 20;
const IDENTITY = { username: "jdoe-session", password: `renewal-${randomBytes(6).toString("hex")}`, account: "jdoe" };
const run = promisify(execFile);
const jupyters: JupyterServer[] = [];

const tokenLifetime = (...args: string[]) =>
  run("bash", [join(REPO_ROOT, "rucio/token-lifetime.sh"), ...args], { cwd: REPO_ROOT, timeout: 60_000 });

interface JupyterServer {
  url: string;
  token: string;
  output(): string;
  stop(): Promise<void>;
}

/** `jupyter server` from the extension's build venv with the extension from the source tree. */
async function startJupyter(renew: boolean): Promise<JupyterServer> {
  const dir = await mkdtemp(join(tmpdir(), "sign-in-renewal-"));
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  await writeFile(
    join(dir, "jupyter_server_config.json"),
    JSON.stringify({ ServerApp: { jpserver_extensions: { rucio_catalog_jupyterlab: true } } }),
  );
  // Its own token cache: the rucio client would otherwise share jdoe's with every other jdoe client here.
  await writeFile(join(dir, "rucio.cfg"), `[client]\nauth_token_file_path = ${join(dir, "rucio-token")}\n`);
  let output = "";
  const child: ChildProcess = spawn(
    join(REPO_ROOT, ".local/jupyter-build/venv/bin/python"),
    [
      "-m",
      "jupyter_server",
      "--no-browser",
      "--allow-root",
      `--port=${port}`,
      "--ip=127.0.0.1",
      `--ServerApp.root_dir=${dir}`,
    ],
    {
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        PYTHONPATH: join(REPO_ROOT, "extension"),
        JUPYTER_CONFIG_DIR: dir,
        JUPYTER_DATA_DIR: join(dir, "data"),
        JUPYTER_RUNTIME_DIR: join(dir, "runtime"),
        JUPYTER_TOKEN: token,
        RUCIO_CONFIG: join(dir, "rucio.cfg"),
        RUCIO_HOST: LOCAL_RUCIO_URL,
        RUCIO_USERNAME: IDENTITY.username,
        RUCIO_PASSWORD: IDENTITY.password,
        RUCIO_ACCOUNT: IDENTITY.account,
        RUCIO_CATALOG_PORTAL_URL: suite.url,
        RUCIO_CATALOG_RENEW_SIGN_IN: renew ? "true" : "false",
        SWAN_RUCIO_INSTANCE: "default",
      } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const server: JupyterServer = {
    url,
    token,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((resolve) => child.once("exit", resolve));
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
  jupyters.push(server);
  await until(
    "the Jupyter server",
    () =>
      fetch(`${url}/rucio-catalog/config`, { headers: { authorization: `token ${token}` } })
        .then((response) => response.status)
        .catch(() => 0),
    (status) => status === 200 || child.exitCode !== null,
    60_000,
    500,
  );
  if (child.exitCode !== null) throw new Error(`the Jupyter server exited:\n${output}`);
  return server;
}

/** What the panel and /embed/start do: a nonce, its hash to the Jupyter server, the code redeemed with the nonce. */
async function panelSignIn(jupyter: JupyterServer, browser: CookieJarClient): Promise<void> {
  const nonce = randomBytes(32).toString("base64url");
  const response = await fetch(`${jupyter.url}/rucio-catalog/portal-sign-in`, {
    method: "POST",
    headers: { authorization: `token ${jupyter.token}`, "content-type": "application/json" },
    body: JSON.stringify({
      portalUrl: suite.url,
      next: "/",
      frameNonceHash: createHash("sha256").update(nonce).digest("base64url"),
    }),
  });
  const answer = (await response.json()) as { url?: string; message?: string };
  expect(response.status, answer.message).toBe(200);
  const code = new URL(answer.url!).searchParams.get("code")!;
  const redeemed = await api(browser, `${suite.url}/api/embed/redemptions`, { method: "POST", body: { code, nonce } });
  expect(redeemed.status, redeemed.text).toBe(200);
}

/** The Rucio token of the browser's sign-in as the portal stored it, and when it stops working. */
async function storedToken(browser: CookieJarClient): Promise<{ token: string; expiresAt: number }> {
  const { kind, token, expiresAt } = await suite.storedCredential(browser);
  expect(kind).toBe("EMBED");
  return { token, expiresAt: expiresAt! };
}

/** A request that acts on Rucio with the user's own token: the staging plan of the suite.dataset. */
const plan = (browser: CookieJarClient) =>
  api(
    browser,
    `${suite.url}/api/datasets/${suite.dataset.scope}/${encodeURIComponent(suite.dataset.name)}/plan?mode=RULE`,
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  // The extension's Python (jupyter_server, rucio-clients), made or refreshed here: this suite runs before the extension's own.
  await run("bash", ["-c", "source scripts/lib.sh sign-in-renewal && ensure_extension_build_venv"], {
    cwd: REPO_ROOT,
    timeout: 600_000,
  });
  await tokenLifetime("on", IDENTITY.username, IDENTITY.password, IDENTITY.account, String(TOKEN_SECONDS));
}, 600_000);
// The Rucio the Jupyter server signs in to, whatever port it runs on.
const suite = useStagingPortal("sign-in-renewal", { RUCIO_URL: LOCAL_RUCIO_URL });

afterAll(async () => {
  await tokenLifetime("off").catch(() => undefined);
  for (const jupyter of jupyters) await jupyter.stop();
});

describe("a panel signed in through its Jupyter server", () => {
  it("keeps working across several token expiries, and a staging tracked across one ends OK", async () => {
    const jupyter = await startJupyter(true);
    const browser = new CookieJarClient();
    await panelSignIn(jupyter, browser);
    const started = Date.now();
    const tokens = new Set<string>();
    let staging: { id: string; madeWith: string } | undefined;
    // Three token lifetimes and a bit, the panel asking every 2 s: each expiry passes with a fresh token in place.
    while (Date.now() - started < (3 * TOKEN_SECONDS + 5) * 1000) {
      const answer = await plan(browser);
      expect(answer.status, `${answer.text}\n${jupyter.output()}`).toBe(200);
      const stored = await storedToken(browser);
      expect(stored.expiresAt - Date.now()).toBeLessThanOrEqual(TOKEN_SECONDS * 1000 + 2000);
      tokens.add(stored.token);
      if (!staging && Date.now() - started > TOKEN_SECONDS * 500) {
        const created = await api(browser, `${suite.url}/api/stagings`, {
          method: "POST",
          body: { scope: suite.dataset.scope, name: suite.dataset.name },
        });
        expect(created.status, created.text).toBe(201);
        const made = created.json.staging as { id: string; ruleId: string };
        staging = { id: made.id, madeWith: stored.token };
        suite.ruleIds.push(made.ruleId);
      }
      if (staging) {
        // The panel follows the request's progress the whole time.
        const progress = await api(browser, `${suite.url}/api/stagings/${staging.id}`);
        expect(progress.status, progress.text).toBe(200);
      }
      await sleep(2000);
    }
    // A new token at least once per lifetime (renewed at half of it).
    expect(tokens.size).toBeGreaterThanOrEqual(4);
    // The token the rule was made with has expired by now, as Rucio says.
    await expect(suite.modules.rucio.validateToken("default", staging!.madeWith)).rejects.toThrow();
    const done = await until(
      "the staging to end",
      () => api(browser, `${suite.url}/api/stagings/${staging!.id}`),
      (answer) => (answer.json.staging as { unfinished?: boolean } | undefined)?.unfinished === false,
      90_000,
      1000,
    );
    expect(done.json.staging).toMatchObject({ state: "OK" });
    // It renews every embed sign-in of the account: stopped, it leaves the next test's alone.
    await jupyter.stop();
  }, 240_000);

  it("without renewal, the panel's sign-in stops acting on Rucio when the token expires, and says why", async () => {
    const jupyter = await startJupyter(false);
    const browser = new CookieJarClient();
    await panelSignIn(jupyter, browser);
    expect((await plan(browser)).status).toBe(200);
    await sleep(Math.max(0, (await storedToken(browser)).expiresAt - Date.now()) + 1500);
    const expired = await plan(browser);
    expect(expired.status).toBe(401);
    expect(expired.text).toMatch(/JupyterLab has not renewed it yet/);
  }, 120_000);
});
