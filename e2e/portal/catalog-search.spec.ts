import { expect, type Page } from "@playwright/test";
import { test } from "./portal-test";

// Against the demo catalog (rucio/demo_catalog.py) indexed by `npm run index` in scripts/e2e.sh:
// data18_13TeV holds 12 runs x (DAOD_PHYS, DAOD_PHYSLITE) datasets plus one container per data type.

const results = (page: Page) => page.getByRole("table", { name: "Matching datasets" });
const resultLinks = (page: Page) => results(page).locator("tbody a[data-result-link]");

/** The page has hydrated: keys pressed earlier would be lost. */
const interactive = (page: Page) => page.locator("html[data-hydrated]").waitFor({ state: "attached" });

async function search(page: Page, query: string) {
  await interactive(page);
  const box = page.getByRole("searchbox", { name: "Search datasets" });
  await box.fill(query);
  await box.press("Enter");
}

test("the demo data is indexed: every demo scope is searchable with exact counts", async ({ request }) => {
  const expected: Record<string, number> = { data18_13TeV: 26, mc20_13TeV: 17, cms_run2: 6 };
  for (const [scope, count] of Object.entries(expected)) {
    const response = await request.get(`/api/search?q=${encodeURIComponent(`scope:${scope}`)}&limit=5`);
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.total).toEqual({ value: count, capped: false });
    expect(body.items.length).toBe(5);
  }
});

test("free text finds the right datasets", async ({ page }) => {
  await page.goto("/search");
  await search(page, "Zmumu");
  await expect(page).toHaveURL(/\/search\?q=Zmumu$/);
  await expect(page.getByRole("heading", { name: "4 results" })).toBeVisible();
  const names = await resultLinks(page).allTextContents();
  expect(names).toHaveLength(4);
  for (const name of names) expect(name).toMatch(/^mc20_13TeV\.\d+\..*Zmumu.*DAOD_PHYS/);
});

test("a facet click narrows the results and its link reproduces the search in a new page", async ({
  page,
  context,
}) => {
  await page.goto("/search?q=data18");
  await expect(page.getByRole("heading", { name: "26 results" })).toBeVisible();

  const datatypes = page.getByRole("region", { name: "Data type" });
  await datatypes.getByRole("link", { name: /DAOD_PHYSLITE/ }).click();
  await expect(page.getByRole("heading", { name: "13 results" })).toBeVisible();
  expect(new URL(page.url()).searchParams.get("q")).toMatch(/^data18 datatype:"?DAOD_PHYSLITE"?$/);
  const narrowed = await resultLinks(page).allTextContents();
  expect(narrowed).toHaveLength(13);
  for (const name of narrowed) expect(name).toContain("DAOD_PHYSLITE");
  await expect(datatypes.getByRole("link", { name: /DAOD_PHYSLITE/ })).toHaveAttribute("aria-current", "true");

  await page.getByRole("combobox", { name: "Sort" }).selectOption("name");
  await expect(page).toHaveURL(/sort=name/);
  await expect(resultLinks(page).first()).toHaveText(narrowed.slice().sort()[0]!);
  const sorted = await resultLinks(page).allTextContents();

  // The URL alone is the search: a fresh page shows the same rows in the same order.
  const fresh = await context.newPage();
  await fresh.goto(page.url());
  await expect(fresh.getByRole("heading", { name: "13 results" })).toBeVisible();
  expect(await resultLinks(fresh).allTextContents()).toEqual(sorted);
  await expect(fresh.getByRole("searchbox", { name: "Search datasets" })).toHaveValue(
    new URL(page.url()).searchParams.get("q")!,
  );

  // Clicking the active facet again widens the search back; the browser's Back button undoes that.
  await datatypes.getByRole("link", { name: /DAOD_PHYSLITE/ }).click();
  await expect(page.getByRole("heading", { name: "26 results" })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("heading", { name: "13 results" })).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "Search datasets" })).toHaveValue(/datatype:"?DAOD_PHYSLITE"?/);
});

test("Share copies the search's URL and offers it as an Open in JupyterLab link", async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const q = "scope:cms_run2 datatype:NANOAOD";
  await page.goto(`/search?q=${encodeURIComponent(q)}&sort=newest`);
  await page.getByRole("button", { name: "Share this search" }).click();
  const links = page.getByRole("group", { name: "Share links" });
  await links.getByRole("button", { name: "Copy portal link" }).click();
  await expect(links.getByRole("status").filter({ hasText: "Link copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
  const lab = new URL((await links.getByRole("link", { name: "Open in JupyterLab" }).getAttribute("href"))!);
  expect(`${lab.origin}${lab.pathname}`).toBe(process.env.PORTAL_JUPYTERLAB_LINK);
  expect(lab.searchParams.get("rucio-catalog")).toBe(`/search?${new URLSearchParams({ q, sort: "newest" })}`);
});

test("the keyboard drives the search: / to focus, arrows through results, Enter to open", async ({ page }) => {
  await page.goto("/search?q=scope%3Acms_run2&sort=name");
  await expect(resultLinks(page)).toHaveCount(6);
  await interactive(page);
  await page.locator("body").press("/");
  await expect(page.getByRole("searchbox", { name: "Search datasets" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(resultLinks(page).nth(0)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(resultLinks(page).nth(1)).toBeFocused();
  const second = (await resultLinks(page).nth(1).textContent())!;
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: second })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/datasets/cms_run2/${second.replace(/\./g, "\\.")}$`));
});

test("a syntax error is shown where it is, and the API answers 400 with its position", async ({ page, request }) => {
  const query = "datatype:DAOD_PHYS run>=";
  const api = await request.get(`/api/search?q=${encodeURIComponent(query)}`);
  expect(api.status()).toBe(400);
  const { error } = await api.json();
  expect(error.message).toEqual(expect.any(String));
  expect(error.position).toBeGreaterThanOrEqual(query.indexOf("run"));

  await page.goto(`/search?q=${encodeURIComponent(query)}`);
  // (Next.js's route announcer is an alert too: pick ours by its text.)
  const alert = page.getByRole("alert").filter({ hasText: error.message });
  await expect(alert).toBeVisible();
  await expect(alert.locator("mark")).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "Search datasets" })).toHaveAttribute("aria-invalid", "true");
});

test("a search with no match says so", async ({ page }) => {
  await page.goto("/search?q=nosuchdatasetanywhere");
  await expect(page.getByText("No datasets match")).toBeVisible();
  await expect(page.getByRole("heading", { name: "0 results" })).toBeVisible();
});

test("keyset pages chain without gaps or repeats, and Load more appends the next page", async ({ page }) => {
  const names: string[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/search?q=data18&sort=name&limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const body = await (await page.request.get(url)).json();
    names.push(...body.items.map((item: { name: string }) => item.name));
    cursor = body.nextCursor;
  } while (cursor);
  expect(names).toHaveLength(26);
  expect(new Set(names).size).toBe(26);
  expect(names).toEqual(names.slice().sort());

  // More than one page (50 rows) of demo DIDs once the synthetic scale scope is left out.
  await page.goto(`/search?q=${encodeURIComponent("-scope:scale_13TeV")}&sort=name`);
  await expect(resultLinks(page)).toHaveCount(50);
  const heading = await page.getByRole("heading", { name: /results$/ }).textContent();
  const total = Number(heading!.replace(/[^0-9]/g, ""));
  expect(total).toBeGreaterThan(50);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(resultLinks(page)).toHaveCount(Math.min(total, 100));
  const all = await resultLinks(page).allTextContents();
  expect(new Set(all).size).toBe(all.length);
});
