import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { freePort, REPO_ROOT } from "../../portal/server/staging/testing/portal-under-test";

// AUTH_REQUIRE_SIGNIN_FOR_CATALOG=true on the catalog's pages: a second `next start` of the build that
// scripts/e2e.sh made (the portal under test keeps the default, public catalog), same database and Rucio.

const DATASET = "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910";
// Per page: where it is, a piece of catalog data it shows (never in the redirect), and how to see the page.
const PAGES = {
  home: {
    path: "/?theme=dark",
    notSent: "mc20_13TeV",
    shows: (page: Page) => page.getByRole("list", { name: "Scopes of default" }).getByText("mc20_13TeV", { exact: true }),
  },
  search: {
    path: `/search?${new URLSearchParams({ q: "scope:data18_13TeV run:348885", sort: "name" })}`,
    notSent: DATASET,
    shows: (page: Page) => page.getByRole("link", { name: DATASET, exact: true }),
  },
  dataset: {
    path: `/datasets/data18_13TeV/${DATASET}?instance=default`,
    notSent: "Catalog metadata",
    shows: (page: Page) => page.getByRole("heading", { level: 1, name: DATASET }),
  },
};

let portal: ChildProcess;
let portalUrl: string;
let portalLog = "";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  if (!existsSync(`${REPO_ROOT}portal/.next/BUILD_ID`)) throw new Error("no portal build: run this spec through scripts/e2e.sh");
  portalUrl = `http://127.0.0.1:${await freePort()}`;
  const { NODE_ENV: _, ...inherited } = process.env;
  portal = spawn(process.execPath, [`${REPO_ROOT}node_modules/next/dist/bin/next`, "start", "-H", "127.0.0.1", "-p", new URL(portalUrl).port], {
    cwd: `${REPO_ROOT}portal`,
    env: {
      ...inherited,
      NEXT_TELEMETRY_DISABLED: "1",
      RUCIO_URL: process.env.RUCIO_URL ?? `http://127.0.0.1:${process.env.RUCIO_PORT ?? "8080"}`,
      NEXTAUTH_URL: portalUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_REQUIRE_SIGNIN_FOR_CATALOG: "true",
      // The portal under test tracks the staging requests already.
      STAGING_TRACKER_ENABLED: "false",
    },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [portal.stdout, portal.stderr]) stream?.on("data", (chunk: Buffer) => (portalLog += chunk.toString()));
  const deadline = Date.now() + 90_000;
  while (!(await fetch(`${portalUrl}/api/health`).then((answer) => answer.ok, () => false))) {
    if (portal.exitCode !== null || Date.now() > deadline) throw new Error(`the second portal did not come up:\n${portalLog}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
});

test.afterAll(async () => {
  if (!portal?.pid || portal.exitCode !== null) return;
  const exited = new Promise((resolve) => portal.once("exit", resolve));
  process.kill(-portal.pid, "SIGTERM");
  await exited;
});

const signInPage = (callbackUrl: string) => new RegExp(`/signin\\?callbackUrl=${encodeURIComponent(callbackUrl).replace(/[.?*+()[\]\\]/g, "\\$&")}$`);

async function signInAsJdoe(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" }); // typed earlier, keys are lost
  await page.getByLabel("Username").fill("jdoe");
  await page.getByLabel("Password").fill("jdoe-secret");
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function freshPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ baseURL: portalUrl })).newPage();
}

for (const [name, { path, notSent, shows }] of Object.entries(PAGES)) {
  test(`${name}: an unsigned visitor signs in first and comes back to ${path}`, async ({ browser, request }) => {
    // The redirect itself, before any catalog data is read or sent.
    const answer = await request.get(`${portalUrl}${path}`, { maxRedirects: 0 });
    expect(answer.status()).toBe(307);
    expect(answer.headers()["location"]).toBe(`/signin?${new URLSearchParams({ callbackUrl: path })}`);
    expect(await answer.text()).not.toContain(notSent);

    const page = await freshPage(browser);
    await page.goto(path);
    await expect(page).toHaveURL(signInPage(path));
    await signInAsJdoe(page);
    await expect(page).toHaveURL(`${portalUrl}${path}`);
    await expect(shows(page)).toBeVisible();
    await page.context().close();
  });
}

test("after sign-out, links and the replayed session cookie lead back to sign-in", async ({ browser }) => {
  const page = await freshPage(browser);
  await page.goto(PAGES.search.path);
  await signInAsJdoe(page);
  await expect(PAGES.search.shows(page)).toBeVisible();
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(signInPage("/"));
  // A client-side navigation (the header's link) is sent back the same way, with a clean way back.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search" }).click();
  await expect(page).toHaveURL(signInPage("/search"));
  // The cookie replayed after sign-out: its stored sign-in is gone, so it no longer counts.
  await page.context().addCookies(cookies);
  await page.goto(PAGES.dataset.path);
  await expect(page).toHaveURL(signInPage(PAGES.dataset.path));
  await page.context().close();
});

test("with the default setting the same pages stay public (the portal under test)", async ({ request }) => {
  for (const { path } of Object.values(PAGES)) {
    const answer = await request.get(path, { maxRedirects: 0 });
    expect(answer.status(), path).toBe(200);
  }
});
