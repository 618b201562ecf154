import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { portalPath, test } from "./portal-test";
import { mintEmbedCode, openInPanel } from "./embed-panel";
import { submitSignInForm } from "./sign-in-form";
import { freshJdoeDataset, uniqueSuffix } from "../../testing/local-rucio";
import { REPO_ROOT } from "../../testing/repo-root";

// Watched searches against the real local Rucio and the portal scripts/e2e.sh started: datasets created
// with the real rucio client after the watch exists, read by the indexer's command line on the same
// database as the portal (scripts/e2e.sh exports DATABASE_URL for both), which then records the new
// matches and auto-stages.

const run = promisify(execFile);
const SCOPE = "user.jdoe";

/**
 * The portal's NEXTAUTH_SECRET, chosen as scripts/portal.sh chooses it: auto-stage in the indexer acts
 * with the Rucio tokens the portal stored, which only that secret decrypts.
 */
const portalSecret = () =>
  process.env.NEXTAUTH_SECRET ?? readFileSync(join(REPO_ROOT, ".local/portal/nextauth-secret"), "utf8");

/** One indexing run of jdoe's scope, as `npm run index` does it after every change in Rucio. */
async function indexJdoeScope(): Promise<void> {
  await run("npm", ["run", "--silent", "index", "--", "--instance=default", `--scope=${SCOPE}`], {
    cwd: REPO_ROOT,
    env: { ...process.env, NEXTAUTH_SECRET: portalSecret() },
    timeout: 180_000,
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** Inside a panel (JupyterLab's, played by a host page) the portal tells the host the header's number. */
async function expectWatchNewsInPanel(page: Page, request: APIRequestContext, newCount: number): Promise<void> {
  const minted = await mintEmbedCode(request, "jdoe", "jdoe-secret", "/stagings");
  const host = await page.context().newPage();
  const frame = await openInPanel(host, new URL(page.url()).origin, minted.startPath, minted.nonce);
  await expect(frame.getByRole("navigation", { name: "Account" }).getByText("jdoe")).toBeVisible({ timeout: 30_000 });
  await expect(frame.getByTestId("watches-summary")).toHaveText(badgeText(newCount));
  await expect
    .poll(() => host.evaluate(() => (window as unknown as { watchNews: number[] }).watchNews.at(-1)))
    .toBe(newCount);
  await host.close();
}

/** How many DIDs the catalog finds for a query. */
async function searchTotal(page: Page, q: string): Promise<number> {
  const response = await page.request.get(`/api/search?${new URLSearchParams({ q })}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { total: { value: number } }).total.value;
}

async function newMatchCount(page: Page): Promise<number> {
  const response = await page.request.get("/api/watches/summary");
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { newCount: number }).newCount;
}

const badgeText = (newCount: number) => (newCount === 0 ? "Watches" : `${newCount} new in watches`);

test("watch a search; a new dataset shows in the header, on /watches and in the feed; auto-stage stages the next one", async ({
  page,
  request,
}) => {
  test.setTimeout(360_000);
  const label = `watche2e${uniqueSuffix()}`;
  const query = `name:${SCOPE}.${label}.*`;
  const watchName = `New ${label} datasets`;

  await page.goto(`/signin?callbackUrl=${encodeURIComponent(`/search?q=${encodeURIComponent(query)}`)}`);
  await submitSignInForm(page, "jdoe");
  await expect(page.getByText(/No datasets match/)).toBeVisible({ timeout: 30_000 });
  const newBefore = await newMatchCount(page);

  // Watch the search with the keyboard alone: the name starts as the query.
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByRole("button", { name: "Watch this search" }).focus();
  await page.keyboard.press("Enter");
  const nameField = page.getByRole("form", { name: "Watch this search" }).getByLabel("Name");
  await expect(nameField).toBeFocused();
  await expect(nameField).toHaveValue(query);
  await nameField.fill(watchName);
  await page.keyboard.press("Enter");
  const saved = page.getByRole("status").filter({ hasText: `Watching “${watchName}”` });
  await expect(saved).toBeVisible();
  const watchesLink = saved.getByRole("link", { name: "your watched searches" });
  const watchId = new URL((await watchesLink.getAttribute("href"))!, page.url()).searchParams.get("open");
  expect(watchId).toBeTruthy();
  try {
    await followTheWatch(page, request, { label, query, watchName, watchId: watchId!, newBefore });
  } finally {
    // A watch left with auto-stage on would stage whatever the next indexing run finds for it.
    await page.request.delete(`/api/watches/${watchId}`);
  }
});

async function followTheWatch(
  page: Page,
  request: APIRequestContext,
  {
    label,
    query,
    watchName,
    watchId,
    newBefore,
  }: { label: string; query: string; watchName: string; watchId: string; newBefore: number },
) {
  const first = await freshJdoeDataset(label, 1);
  await indexJdoeScope();
  // Usually 1; an upload attempt that failed and was retried (freshJdoeDataset) left its dataset too.
  const made = await searchTotal(page, query);
  expect(made).toBeGreaterThanOrEqual(1);

  // The header counts it (polled when a page loads) and links to the watches.
  await page.reload();
  const badge = page.getByRole("navigation", { name: "Account" }).getByTestId("watches-summary");
  await expect(badge).toHaveText(badgeText(newBefore + made));
  await expectWatchNewsInPanel(page, request, newBefore + made);
  await badge.click();
  await expect(page).toHaveURL(/\/watches$/);
  const card = page.getByRole("article", { name: watchName });
  await expect(card.getByText(`${made} new since you last looked`)).toBeVisible();
  const searchLink = new URL((await card.getByRole("link", { name: query }).getAttribute("href"))!, page.url());
  expect([searchLink.pathname, searchLink.searchParams.get("q")]).toEqual([portalPath("/search"), query]);

  // Opening the watch shows the match, marked new, and marks the watch as looked at.
  await card.getByRole("button", { name: "Show matches" }).click();
  const firstMatch = card.getByTestId("watch-match").filter({ hasText: `${SCOPE}:${first.name}` });
  await expect(firstMatch.getByText("New", { exact: true })).toBeVisible();
  await expect(firstMatch.getByRole("link", { name: `${SCOPE}:${first.name}` })).toHaveAttribute(
    "href",
    portalPath(`/datasets/${SCOPE}/${first.name}`),
  );
  await expect(card.getByText("Nothing new since you last looked")).toBeVisible();
  await expect(badge).toHaveText(badgeText(newBefore));

  // The secret feed lists the match to anyone holding its address, until it is revoked.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await card.getByRole("button", { name: "Make feed address" }).click();
  const feedField = card.getByRole("textbox", { name: `Feed address of “${watchName}”` });
  await expect(feedField).toHaveValue(/\/feeds\/watches\/[\w-]{43}$/);
  const feedUrl = await feedField.inputValue();
  await card.getByRole("button", { name: "Copy feed address" }).click();
  await expect(card.getByRole("status").filter({ hasText: "Feed address copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(feedUrl);
  const feed = await request.get(feedUrl); // no cookies: the address is the credential
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("application/atom+xml");
  expect(await feed.text()).toContain(`<title>${SCOPE}:${first.name}</title>`);
  await card.getByRole("button", { name: "Revoke feed" }).click();
  await expect(card.getByRole("button", { name: "Make feed address" })).toBeVisible();
  await expect.poll(async () => (await request.get(feedUrl)).status()).toBe(404);

  // With auto-stage on, the next new dataset is staged without a click; the earlier match is left alone.
  await card.getByRole("checkbox", { name: "Auto-stage new matches" }).check();
  await expect(card.getByText(/^Auto-stage is on/)).toBeVisible();
  const second = await freshJdoeDataset(label, 1);
  await indexJdoeScope();

  await page.goto("/stagings");
  const row = page.getByTestId("staging-row").filter({ hasText: `${SCOPE}:${second.name}` });
  await expect(row).toHaveCount(1);
  const byWatch = row.getByRole("link", { name: "auto-staged by a watched search" });
  await expect(byWatch).toHaveAttribute("href", portalPath(`/watches?open=${watchId}`));
  await expect(page.getByTestId("staging-row").filter({ hasText: `${SCOPE}:${first.name}` })).toHaveCount(0);

  await byWatch.click();
  const opened = page.getByRole("article", { name: watchName });
  const secondMatch = opened.getByTestId("watch-match").filter({ hasText: `${SCOPE}:${second.name}` });
  await expect(secondMatch.getByText("New", { exact: true })).toBeVisible();
  await expect(
    opened
      .getByTestId("watch-match")
      .filter({ hasText: `${SCOPE}:${first.name}` })
      .getByText("Not auto-staged: it matched before auto-stage was turned on"),
  ).toBeVisible();
  await secondMatch.getByRole("link", { name: "Auto-staged: see the staging" }).click();
  await expect(page.getByRole("heading", { name: `${SCOPE}:${second.name}` })).toBeVisible();
  await expect(page.getByText(`Auto-staged: a new match of your watched search "${watchName}"`)).toBeVisible();

  // Rename, then stop watching.
  await page.goto("/watches");
  await page.getByRole("article", { name: watchName }).getByRole("button", { name: "Rename" }).click();
  const renameForm = page.getByRole("form", { name: `Rename “${watchName}”` });
  await renameForm.getByLabel("New name").fill(`${watchName} (renamed)`);
  await renameForm.getByRole("button", { name: "Save name" }).click();
  const renamed = page.getByRole("article", { name: `${watchName} (renamed)` });
  await expect(renamed).toBeVisible();
  page.once("dialog", (dialog) => void dialog.accept());
  await renamed.getByRole("button", { name: "Delete" }).click();
  await expect(renamed).toHaveCount(0);
}

test("signed-out visitors to /watches are sent to sign in and come back", async ({ page }) => {
  await page.goto("/watches");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fwatches$/);
  await submitSignInForm(page, "jdoe");
  await expect(page).toHaveURL(/\/watches$/);
  await expect(page.getByRole("heading", { name: "Watched searches", level: 1 })).toBeVisible();
});
