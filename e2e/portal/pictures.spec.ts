import { expect, test, type Locator, type Page } from "@playwright/test";

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
