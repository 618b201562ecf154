import { expect, type Locator, type Page } from "@playwright/test";
import { test } from "./portal-test";
import { reportedDownload } from "./reported-download";
import { submitSignInForm } from "./sign-in-form";
import { freshJdoeDataset } from "../../testing/local-rucio";

// The pictures of the catalog: the hierarchy graph and file sizes on a dataset page, the run histogram of
// the search page, a staging's progress over time and the home page's overview, each usable by keyboard.

const DATASET = "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910";
const CONTAINER = "data18_13TeV.periodAllYear.physics_Main.PhysCont.DAOD_PHYS.grp18_v01_p4910";
const datasetPath = (name: string) => `/datasets/data18_13TeV/${encodeURIComponent(name)}`;

async function hydrated(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? "");

/** The colour a chart's bar or area is painted with. */
const paint = (shape: Locator) => shape.evaluate((element) => getComputedStyle(element).fill);

test("the hierarchy graph goes by keyboard up to a parent container and down to one of its datasets", async ({
  page,
}) => {
  await page.goto(datasetPath(DATASET));
  await hydrated(page);
  const graph = page.getByRole("navigation", { name: "Place in the hierarchy" });
  const self = graph.locator('a[aria-current="page"]');
  await expect(self).toHaveText(`dataset data18_13TeV:${DATASET}`);
  await expect(graph.getByRole("list", { name: "Files" }).getByRole("link")).toHaveText("5 files");

  // Arrow up from the dataset itself reaches its parent container; Enter follows it.
  await self.focus();
  await page.keyboard.press("ArrowUp");
  const parent = graph.getByRole("list", { name: "Parents" }).getByRole("link", { name: CONTAINER });
  await expect(parent).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: CONTAINER })).toBeVisible();

  // On the container's page its datasets are the row below; arrow down, then right, then Enter.
  await hydrated(page);
  const children = graph.getByRole("list", { name: "Children" }).getByRole("link");
  await expect(children).toHaveCount(12);
  await graph.locator('a[aria-current="page"]').focus();
  await page.keyboard.press("ArrowDown");
  await expect(children.first()).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(children.nth(1)).toBeFocused();
  const child = (await focusedText(page)).replace(/^dataset data18_13TeV:/, "");
  expect(child).toMatch(/^data18_13TeV\.\d{8}\.physics_Main\.deriv\.DAOD_PHYS\./);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: child })).toBeVisible();

  // Tab reaches them too: every node is a link in reading order (parents, the DID, its children).
  await hydrated(page);
  await graph.locator('a[aria-current="page"]').focus();
  await page.keyboard.press("Shift+Tab");
  await expect(graph.getByRole("list", { name: "Parents" }).getByRole("link").last()).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(graph.getByRole("list", { name: "Files" }).getByRole("link")).toBeFocused();
});

test("a dataset page draws its file sizes, with the numbers as a table and a tooltip by keyboard", async ({ page }) => {
  await page.goto(`${datasetPath(DATASET)}?theme=light`);
  const figure = page.getByRole("figure", { name: "File sizes" });
  const bars = figure.locator(".recharts-bar-rectangle path");
  await expect(bars.first()).toBeVisible();
  await expect(figure).toContainText(/Most files are .+ \(\d+ files?\)/);

  await figure.getByText("Show the numbers").click();
  const table = figure.getByRole("table", { name: "Number of files per size range" });
  const counts = await table.locator("tbody td").allTextContents();
  expect(counts.reduce((sum, count) => sum + Number(count), 0)).toBe(5);

  // The chart takes focus; arrow keys walk its bars and say each one's range and count.
  await hydrated(page);
  await figure.locator("svg.recharts-surface").focus();
  await page.keyboard.press("ArrowRight");
  await expect(figure.locator(".recharts-tooltip-wrapper")).toContainText(/–.*B\d+ files?$/);

  // Its colours are the theme's.
  const light = await paint(bars.first());
  await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
  expect(await paint(bars.first())).not.toBe(light);
});

async function signInAsJdoe(page: Page) {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/stagings")}`);
  await submitSignInForm(page, "jdoe");
  await expect(page.getByRole("navigation", { name: "Account" }).getByText("jdoe")).toBeVisible({ timeout: 30_000 });
}

test("a finished download's page draws its bytes over time from the executor's reports", async ({ page }) => {
  await signInAsJdoe(page);
  const download = await reportedDownload(page, { scope: "data18_13TeV", name: DATASET }, [0.2, 0.6, 1]);
  await page.goto(`/stagings/${download.id}`);
  const figure = page.getByRole("figure", { name: "Bytes downloaded over time" });
  await expect(figure).toContainText("(100 %) when it ended");
  await expect(figure.locator(".recharts-area-area")).toBeVisible();

  await figure.getByText("Show the numbers").click();
  const rows = figure.getByRole("table").locator("tbody tr");
  // The request, then one row per report: files 0, 1, 3 and all 5.
  await expect(rows).toHaveCount(4);
  expect(await rows.locator("td:last-child").allTextContents()).toEqual(["0", "1", "3", "5"]);
  await expect(rows.first().locator("th")).toHaveText("0 s");

  await hydrated(page);
  await figure.locator("svg.recharts-surface").focus();
  await page.keyboard.press("ArrowRight");
  await expect(figure.locator(".recharts-tooltip-wrapper")).toContainText("After");
  // Progress steps are not events to read about: the history lists what happened.
  await expect(page.getByRole("region", { name: "What happened" })).not.toContainText("PROGRESS");
});

test("a rule staging's page draws the bytes Rucio's locks reached, from the tracker's polls", async ({ page }) => {
  test.setTimeout(240_000);
  await signInAsJdoe(page);
  const did = await freshJdoeDataset("pictures-e2e", 2);
  const created = await page.request.post("/api/stagings", { data: { scope: did.scope, name: did.name } });
  expect(created.status(), await created.text()).toBe(201);
  const { staging } = (await created.json()) as { staging: { id: string } };
  const details = async () => (await page.request.get(`/api/stagings/${staging.id}`)).json();
  await expect.poll(async () => (await details()).staging.state, { timeout: 180_000 }).toBe("OK");
  // The tracker recorded the step to every byte.
  const { staging: done, progress } = await details();
  expect(progress.at(-1)).toMatchObject({ filesDone: 2, bytesDone: done.bytesTotal });

  await page.goto(`/stagings/${staging.id}`);
  const figure = page.getByRole("figure", { name: "Bytes replicated over time (Rucio locks OK)" });
  await expect(figure).toContainText("(100 %) when it ended");
  await expect(figure.locator(".recharts-area-area")).toBeVisible();
  await figure.getByText("Show the numbers").click();
  await expect(figure.getByRole("table").locator("tbody tr").last().locator("td").last()).toHaveText("2");
});

const searchedQuery = (page: Page) => new URL(page.url()).searchParams.get("q");

test("the run histogram brushes a range of runs into the query, by dragging and by keyboard", async ({ page }) => {
  await page.goto(`/search?q=${encodeURIComponent("scope:data18_13TeV")}`);
  await hydrated(page);
  const runs = page.getByRole("complementary", { name: "Filters" }).getByRole("region", { name: "Run number" });
  const bars = runs.locator(".recharts-bar-rectangle");
  // Runs 348885 … 352107: one bar per thousand runs that has datasets.
  await expect(bars).toHaveCount(5);

  // A drag from the second bar to the fourth (each bar's range shows in the tooltip as the pointer gets there).
  await runs.scrollIntoViewIfNeeded();
  const tooltip = runs.locator(".recharts-tooltip-wrapper");
  const pointAt = async (bar: Locator, range: string) => {
    const box = (await bar.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height - 2, { steps: 4 });
    await expect(tooltip).toContainText(`Runs ${range}`);
  };
  await pointAt(bars.nth(1), "349000–349999");
  await page.mouse.down();
  await pointAt(bars.nth(2), "350000–350999");
  await pointAt(bars.nth(3), "351000–351999");
  await page.mouse.up();
  await expect.poll(() => searchedQuery(page)).toBe("scope:data18_13TeV run:349000..351999");
  // Ten runs of 349xxx to 351xxx, in two data types each.
  await expect(page.getByRole("heading", { name: "20 results" })).toBeVisible();
  await expect(bars).toHaveCount(3);

  await runs.getByRole("link", { name: "All runs" }).click();
  await expect.poll(() => searchedQuery(page)).toBe("scope:data18_13TeV");
  await expect(bars).toHaveCount(5);

  // The same range by keyboard: each slider moved one bar in, then the search they make.
  await runs.getByRole("slider", { name: "From" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(runs.getByRole("slider", { name: "From" })).toHaveAttribute("aria-valuetext", "run 349000");
  await runs.getByRole("slider", { name: "To" }).focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Tab");
  await expect(runs.getByRole("button", { name: "Search runs 349000–351999" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect.poll(() => searchedQuery(page)).toBe("scope:data18_13TeV run:349000..351999");
  await expect(page.getByRole("heading", { name: "20 results" })).toBeVisible();
});

test("the home page's example searches and newest datasets lead to results", async ({ page }) => {
  await page.goto("/");
  const examples = page.getByRole("list", { name: "Example searches" }).getByRole("listitem");
  // Drawn from the catalog's own facets: its commonest data type, project and run range, at least.
  await expect(examples.first()).toContainText(/^datatype:\S+ \d+ results?$/);
  await expect(examples.filter({ hasText: /^run:\d+\.\.\d+ / })).toHaveCount(1);
  for (const index of [0, 2]) {
    await page.goto("/");
    const example = examples.nth(index);
    const [, q, count] = /^(\S+) (\d+) results?$/.exec((await example.textContent())!.replace(/\s+/g, " ").trim())!;
    await example.getByRole("link").click();
    await expect.poll(() => searchedQuery(page)).toBe(q);
    await expect(page.getByRole("heading", { name: `${count} result${count === "1" ? "" : "s"}` })).toBeVisible();
  }

  await page.goto("/");
  const newest = page.getByRole("list", { name: "Newest datasets" }).getByRole("link");
  await expect(newest).toHaveCount(6);
  const name = (await newest.first().textContent())!;
  await newest.first().click();
  await expect(page.getByRole("heading", { level: 1, name: name.slice(name.indexOf(":") + 1) })).toBeVisible();

  await page.goto("/");
  await page.getByRole("link", { name: "All datasets, newest first" }).click();
  const results = page.getByRole("table", { name: "Matching datasets" }).getByRole("link");
  await expect(results.first()).toHaveText(name.slice(name.indexOf(":") + 1));
});
