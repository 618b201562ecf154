import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { submitSignInForm } from "./sign-in-form";

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

    test("watching a search and /watches have no serious accessibility violations", async ({ page }) => {
      await page.goto(`/signin?callbackUrl=${encodeURIComponent(`/search?q=data18&theme=${theme}`)}`);
      await submitSignInForm(page, "jdoe");
      await page.getByRole("button", { name: "Watch this search" }).click();
      await expect(page.getByRole("form", { name: "Watch this search" })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      const created = await page.request.post("/api/watches", {
        data: { name: `Accessibility check (${theme})`, query: "scope:data18_13TeV", autoStage: null },
      });
      expect(created.status()).toBe(201);
      const { watch } = (await created.json()) as { watch: { id: string } };
      try {
        await page.goto(`/watches?open=${watch.id}&theme=${theme}`);
        const card = page.getByRole("article", { name: `Accessibility check (${theme})` });
        await expect(card.getByText("No new matches yet", { exact: false })).toBeVisible();
        await card.getByRole("button", { name: "Make feed address" }).click();
        await expect(card.getByRole("textbox", { name: /^Feed address of/ })).toBeVisible();
        expect(await seriousViolations(page)).toEqual([]);
      } finally {
        await page.request.delete(`/api/watches/${watch.id}`);
      }
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
