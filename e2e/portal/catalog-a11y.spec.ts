import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

const DATASET_PAGE = "/datasets/data18_13TeV/data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910";

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
}

for (const theme of ["light", "dark"] as const) {
  test.describe(`${theme} theme`, () => {
    test.use({ colorScheme: theme });

    test("the search page has no serious accessibility violations", async ({ page }) => {
      await page.goto(`/search?q=data18&theme=${theme}`);
      await expect(page.getByRole("table", { name: "Matching datasets" })).toBeVisible();
      await page.locator("summary", { hasText: "Query syntax" }).click();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("a search with a syntax error has no serious accessibility violations", async ({ page }) => {
      await page.goto(`/search?q=${encodeURIComponent("run>=")}&theme=${theme}`);
      await expect(page.getByRole("alert").filter({ has: page.locator("mark") })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("a dataset page has no serious accessibility violations", async ({ page }) => {
      await page.goto(`${DATASET_PAGE}?theme=${theme}`);
      await expect(page.getByRole("table", { name: "Files with size and checksums" })).toBeVisible();
      await expect(page.getByRole("table", { name: "Replication rules" })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}

test("?theme= and data-theme override the system preference", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/search?theme=dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const darkBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  // The choice sticks for the tab (an iframe keeps JupyterLab's theme across its own navigation).
  await page.goto("/search");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.evaluate(() => document.documentElement.setAttribute("data-theme", "light"));
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(darkBackground);
  await page.goto("/search?theme=system");
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.+/);
});
