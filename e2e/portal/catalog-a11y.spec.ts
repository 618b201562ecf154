import { expect } from "@playwright/test";
import { test } from "./portal-test";
import { seriousViolations } from "./axe";
import { reportedDownload } from "./reported-download";
import { submitSignInForm } from "./sign-in-form";

const DATASET = { scope: "data18_13TeV", name: "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910" };
const DATASET_PAGE = `/datasets/${DATASET.scope}/${DATASET.name}`;
const CONTAINER = "data18_13TeV.periodAllYear.physics_Main.PhysCont.DAOD_PHYS.grp18_v01_p4910";

for (const theme of ["light", "dark"] as const) {
  test.describe(`${theme} theme`, () => {
    test.use({ colorScheme: theme });

    test("the home page with its holdings chart has no serious accessibility violations", async ({ page }) => {
      await page.goto(`/?theme=${theme}`);
      const figure = page.getByRole("figure", { name: "Instance default" });
      await expect(figure.locator(".recharts-bar-rectangle").first()).toBeVisible();
      await figure.getByText("Show the numbers").click();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("the search page has no serious accessibility violations", async ({ page }) => {
      await page.goto(`/search?q=data18&theme=${theme}`);
      await expect(page.getByRole("table", { name: "Matching datasets" })).toBeVisible();
      await page.locator("summary", { hasText: "Query syntax" }).click();
      const runs = page.getByRole("figure", { name: "Datasets per run range" });
      await expect(runs.locator(".recharts-bar-rectangle").first()).toBeVisible();
      await runs.getByText("Show the numbers").click();
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

    test("a staging's page with its progress over time has no serious accessibility violations", async ({ page }) => {
      await page.goto(`/signin?callbackUrl=${encodeURIComponent(`/stagings?theme=${theme}`)}`);
      await submitSignInForm(page, "jdoe");
      await expect(page.getByRole("navigation", { name: "Account" }).getByText("jdoe")).toBeVisible({
        timeout: 30_000,
      });
      const { id } = await reportedDownload(page, DATASET, [0.4, 1]);
      await page.goto(`/stagings/${id}`);
      const figure = page.getByRole("figure", { name: "Bytes downloaded over time" });
      await expect(figure.locator(".recharts-area-area")).toBeVisible();
      await figure.getByText("Show the numbers").click();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("a dataset page has no serious accessibility violations", async ({ page }) => {
      await page.goto(`${DATASET_PAGE}?theme=${theme}`);
      await expect(page.getByRole("table", { name: "Files with size and checksums" })).toBeVisible();
      await expect(page.getByRole("table", { name: "Replication rules" })).toBeVisible();
      // The hierarchy graph and the file sizes, drawn and with their numbers shown.
      await expect(page.getByRole("navigation", { name: "Place in the hierarchy" }).getByRole("link")).toHaveCount(3);
      const sizes = page.getByRole("figure", { name: "File sizes" });
      await expect(sizes.locator(".recharts-bar-rectangle").first()).toBeVisible();
      await sizes.getByText("Show the numbers").click();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test("a container page with its datasets in the hierarchy graph has no serious accessibility violations", async ({
      page,
    }) => {
      await page.goto(`/datasets/${DATASET.scope}/${CONTAINER}?theme=${theme}`);
      const graph = page.getByRole("navigation", { name: "Place in the hierarchy" });
      await expect(graph.getByRole("list", { name: "Children" }).getByRole("link")).toHaveCount(12);
      await expect(
        page.getByRole("figure", { name: "File sizes" }).locator(".recharts-bar-rectangle").first(),
      ).toBeVisible();
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
