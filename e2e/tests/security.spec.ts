import { createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { expect, test, type Page } from "@playwright/test";
import { resolveDatabaseUrl } from "../../prisma/lib/database-url";
import { mintEmbedCode, openInPanel } from "./embed-panel";

// The production build over HTTP: security headers as browsers receive them, the sign-in rate limit as
// the form shows it, and the Rucio tokens of this test's sign-in in no response, rendered page or line
// of the portal's log.

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Where scripts/portal.sh writes the portal's output. */
const PORTAL_LOG = process.env.PORTAL_LOG ?? join(REPO_ROOT, ".local/portal/portal.log");
const DEMO = { scope: "data18_13TeV", name: "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910" };

/** The secret scripts/portal.sh gave the portal, which also derives the key of the stored Rucio tokens. */
const portalSecret = () => process.env.NEXTAUTH_SECRET ?? readFileSync(join(REPO_ROOT, ".local/portal/nextauth-secret"), "utf8").trim();

interface CredentialRow {
  id: string;
  userId: string;
  instance: string;
  tokenCiphertext: string | null;
}

async function credentialsSince(since: Date): Promise<CredentialRow[]> {
  const target = resolveDatabaseUrl(process.env.DATABASE_URL);
  const sql = `SELECT "id", "userId", "instance", "tokenCiphertext", "createdAt" FROM "RucioCredential" WHERE "tokenCiphertext" IS NOT NULL`;
  if (target.provider === "sqlite") {
    const db = new Database(target.path, { readonly: true });
    try {
      const rows = db.prepare(sql).all() as (CredentialRow & { createdAt: string })[];
      return rows.filter((row) => new Date(row.createdAt) >= since);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    if (target.schema) await client.query(`SET search_path TO "${target.schema}"`);
    const { rows } = await client.query<CredentialRow & { createdAt: Date }>(sql);
    return rows.filter((row) => row.createdAt >= since);
  } finally {
    await client.end();
  }
}

/** AES-256-GCM as portal/server/auth/token-cipher.ts writes it ("v1.<iv>.<tag>.<ciphertext>", base64url). */
function decryptToken(row: CredentialRow, secret: string): string {
  const [format, iv, tag, ciphertext] = row.tokenCiphertext!.split(".");
  expect(format).toBe("v1");
  const key = Buffer.from(hkdfSync("sha256", secret, "rucio-catalog", "rucio-catalog: stored Rucio token v1", 32));
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv!, "base64url"));
  decipher.setAAD(Buffer.from(`${row.id}\n${row.userId}\n${row.instance}`, "utf8"));
  decipher.setAuthTag(Buffer.from(tag!, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext!, "base64url")), decipher.final()]).toString("utf8");
}

/** Submits the sign-in form and waits for next-auth's answer to it. */
async function signIn(page: Page, username: string, password: string) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" }); // typed earlier, keys are lost
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  const answered = page.waitForResponse((response) => response.url().includes("/api/auth/callback/rucio-userpass"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await answered;
}

test("security headers: frame-ancestors per route, the rest on every response, each once", async ({ request }) => {
  const page = await request.get("/search");
  const api = await request.get("/api/health");
  for (const response of [page, api]) {
    const headers = response.headers();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(headers["permissions-policy"]).toMatch(/^accelerometer=\(\), .*camera=\(\), .*microphone=\(\)/);
  }
  expect(page.headers()["content-security-policy"]).toMatch(/; frame-ancestors 'self' http:\/\/127\.0\.0\.1:8888 /);
  expect(page.headers()["x-frame-options"]).toBeUndefined();
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(api.headers()["x-frame-options"]).toBe("DENY");
  const embed = await request.get("/embed/start?code=unknown", { maxRedirects: 0 });
  expect(embed.headers()["referrer-policy"]).toBe("no-referrer");
});

test("the sign-in form refuses a username after 5 failed attempts, with the reason", async ({ page }) => {
  const username = `e2e-throttle-${randomBytes(4).toString("hex")}`;
  await page.goto("/signin");
  const alert = page.getByRole("form", { name: "Sign in with a Rucio account" }).getByRole("alert");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn(page, username, `guess-${attempt}`);
    await expect(alert).toContainText("Rucio refused the sign-in");
  }
  await signIn(page, username, "guess-6");
  await expect(alert).toHaveText(`Too many failed sign-ins for "${username}": try again in 15 minutes`);
});

test("Rucio tokens: in no response, header, rendered page or portal log line", async ({ page }) => {
  test.setTimeout(120_000);
  const since = new Date(Date.now() - 1000);
  const logOffset = existsSync(PORTAL_LOG) ? statSync(PORTAL_LOG).size : 0;
  const seen: string[] = [];
  page.on("response", async (response) => {
    const headers = Object.entries(await response.allHeaders()).map(([name, value]) => `${name}: ${value}`).join("\n");
    const type = response.headers()["content-type"] ?? "";
    const body = /json|text|javascript|html/.test(type) && response.status() < 300 ? await response.text().catch(() => "") : "";
    seen.push(`${response.url()}\n${headers}\n${body}`);
  });

  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/stagings")}`);
  await signIn(page, "jdoe", "jdoe-secret");
  await expect(page.getByRole("navigation", { name: "Account" }).getByText("jdoe")).toBeVisible({ timeout: 30_000 });
  const created = await page.request.post("/api/stagings", { data: { ...DEMO, mode: "DOWNLOAD", destination: "rucio-data/e2e-security" } });
  expect(created.status()).toBe(201);
  const createdText = await created.text();
  seen.push(createdText);
  const { staging } = JSON.parse(createdText) as { staging: { id: string } };

  for (const path of ["/", "/search?q=DAOD_PHYS", `/datasets/${DEMO.scope}/${DEMO.name}`, "/stagings", `/stagings/${staging.id}`]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    seen.push(await page.content());
  }
  const cancelled = await page.request.delete(`/api/stagings/${staging.id}`);
  seen.push(await cancelled.text());

  const secret = portalSecret();
  const tokens = (await credentialsSince(since)).map((row) => decryptToken(row, secret));
  expect(tokens.length).toBeGreaterThanOrEqual(1);
  const log = existsSync(PORTAL_LOG) ? readFileSync(PORTAL_LOG).subarray(logOffset).toString("utf8") : "";
  expect(seen.length).toBeGreaterThan(10);
  for (const token of tokens) {
    for (const piece of [token, token.slice(0, 24), token.slice(-24)]) {
      expect(seen.filter((text) => text.includes(piece)).map((text) => text.slice(0, 120))).toEqual([]);
      expect(log.includes(piece)).toBe(false);
    }
  }
});

interface PolicyWatch {
  /** CSP violations and console errors of the page in view since it loaded. */
  problems(): Promise<string[]>;
}

/** Records every securitypolicyviolation event (from before the page's first script) and console error. */
async function watchPolicy(page: Page): Promise<PolicyWatch> {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    // The portal has no favicon; the browser asks for one on its own.
    if (message.type() !== "error" || new URL(message.location().url || page.url()).pathname === "/favicon.ico") return;
    consoleErrors.push(`console: ${message.text()} (${message.location().url || page.url()})`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`page error: ${error.message} (${page.url()})`));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => {
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return {
    async problems() {
      await page.waitForLoadState("networkidle");
      const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
      return [...violations.map((violation) => `csp: ${violation} (${page.url()})`), ...consoleErrors.splice(0)];
    },
  };
}

test("content security policy: the portal's pages run under it without one violation or console error", async ({ page }) => {
  test.setTimeout(120_000);
  const watch = await watchPolicy(page);
  const problems: string[] = [];
  // The theme boot script is inline: it runs only with the nonce, and sets data-theme before hydration.
  await page.goto("/?theme=dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  problems.push(...(await watch.problems()));
  for (const path of ["/search?q=DAOD_PHYS", `/datasets/${DEMO.scope}/${DEMO.name}`]) {
    await page.goto(path);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    problems.push(...(await watch.problems()));
  }
  // Client-side navigation loads further chunks of the portal's own.
  await page.getByRole("link", { name: "Search", exact: true }).first().click();
  await expect(page).toHaveURL(/\/search/);
  problems.push(...(await watch.problems()));

  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/stagings")}`);
  await signIn(page, "jdoe", "jdoe-secret");
  await expect(page).toHaveURL(/\/stagings$/, { timeout: 30_000 });
  await expect(page.getByRole("navigation", { name: "Account" }).getByText("jdoe")).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  problems.push(...(await watch.problems()));
  expect(problems).toEqual([]);
});

test("content security policy: the embed sign-in lands on a page without violations", async ({ page, request, baseURL }) => {
  const minted = await mintEmbedCode(request, "jdoe", "jdoe-secret", "/stagings");
  const watch = await watchPolicy(page);
  const frame = await openInPanel(page, new URL(baseURL!).origin, minted.startPath, minted.nonce);
  await expect(frame.getByRole("navigation", { name: "Account" }).getByText("jdoe")).toBeVisible({ timeout: 30_000 });
  expect(new URL(frame.url()).pathname).toBe("/stagings");
  await frame.locator("html[data-hydrated]").waitFor({ state: "attached" });
  expect(await frame.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  expect(await watch.problems()).toEqual([]);
});

test("content security policy: a script injected without the nonce does not run, and is reported", async ({ page }) => {
  const watch = await watchPolicy(page);
  await page.goto("/search");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const ran = await page.evaluate(async () => {
    const script = document.createElement("script");
    script.textContent = "window.injectedRan = true;";
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return (window as unknown as { injectedRan?: boolean }).injectedRan === true;
  });
  expect(ran).toBe(false);
  const problems = await watch.problems();
  expect(problems.filter((problem) => problem.startsWith("csp: script-src-elem blocked inline"))).toHaveLength(1);
});

test("content security policy: a script in the page's markup without the nonce does not run; the page's own do", async ({ page }) => {
  // What an HTML injection into a rendered page would be: the response as the server sent it, policy
  // header included, with one script more.
  await page.route("**/search", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace("<body>", "<body><script>window.markupInjected = true;</script>");
    expect(html).toContain("markupInjected");
    await route.fulfill({ response, body: html });
  });
  const watch = await watchPolicy(page);
  await page.goto("/search");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  expect(await page.evaluate(() => (window as unknown as { markupInjected?: boolean }).markupInjected === true)).toBe(false);
  const problems = (await watch.problems()).filter((problem) => !problem.startsWith("console: Executing inline script violates"));
  expect(problems).toEqual([expect.stringMatching(/^csp: script-src-elem blocked inline at .*\/search:\d+ /)]);
});

/** Every address the browser asks for off the portal's origin; such requests are aborted, not sent. */
async function recordLeavingThePortal(page: Page, portalOrigin: string): Promise<string[]> {
  const offSite: string[] = [];
  await page.context().route(
    (url) => url.origin !== portalOrigin,
    (route) => {
      offSite.push(route.request().url());
      return route.abort();
    },
  );
  return offSite;
}

test("open redirect: a callbackUrl whose dot segments hide // ends on the portal after sign-in", async ({ page, baseURL }) => {
  const portalOrigin = new URL(baseURL!).origin;
  const offSite = await recordLeavingThePortal(page, portalOrigin);
  await page.goto("/signin?callbackUrl=/.//evil.example");
  await signIn(page, "jdoe", "jdoe-secret");
  await expect(page.getByRole("navigation", { name: "Account" }).getByText("jdoe")).toBeVisible({ timeout: 30_000 });
  expect(page.url()).toBe(`${portalOrigin}/`);
  expect(offSite).toEqual([]);
});

test("open redirect: /embed/start with an unknown code keeps next on the portal, through sign-in", async ({ page, baseURL }) => {
  const portalOrigin = new URL(baseURL!).origin;
  const offSite = await recordLeavingThePortal(page, portalOrigin);
  await page.goto("/embed/start?next=/.//evil.example");
  await expect(page).toHaveURL(/\/signin\?/);
  const landed = new URL(page.url());
  expect(landed.origin).toBe(portalOrigin);
  expect(landed.searchParams.get("error")).toBe("EmbedSignIn");
  expect(landed.searchParams.get("callbackUrl")).toBe("/");
  await signIn(page, "jdoe", "jdoe-secret");
  await expect(page.getByRole("navigation", { name: "Account" }).getByText("jdoe")).toBeVisible({ timeout: 30_000 });
  expect(page.url()).toBe(`${portalOrigin}/`);
  expect(offSite).toEqual([]);
});

test("open redirect: /embed/start with a valid code and next=/.//evil.example stays on the portal", async ({ page, request, baseURL }) => {
  const portalOrigin = new URL(baseURL!).origin;
  const minted = await mintEmbedCode(request, "jdoe", "jdoe-secret", "/.//evil.example");
  const offSite = await recordLeavingThePortal(page, portalOrigin);
  const frame = await openInPanel(page, portalOrigin, minted.startPath, minted.nonce);
  await expect(frame.getByRole("navigation", { name: "Account" }).getByText("jdoe")).toBeVisible({ timeout: 30_000 });
  expect(frame.url()).toBe(`${portalOrigin}/`);
  expect(offSite).toEqual([]);
});
