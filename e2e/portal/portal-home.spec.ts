import { expect } from "@playwright/test";
import { test } from "./portal-test";

test("the home page puts the search first and says what the catalog holds per instance", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Rucio Catalog", level: 1 })).toBeVisible();
  // The search box comes before any other control of the page's own.
  const controls = page.locator("main").locator("a[href], button, input, select, summary");
  await expect(controls.first()).toHaveAccessibleName("Search datasets");
  await controls.first().fill("DAOD_PHYSLITE run:348885");
  await controls.first().press("Enter");
  await expect(page).toHaveURL(/\/search\?q=DAOD_PHYSLITE\+run%3A348885$/);
  await expect(page.getByRole("heading", { name: "1 result" })).toBeVisible();

  // Both local instances, each with its datasets per data type (the chart's numbers as a table).
  await page.goto("/");
  const holdings = page.getByRole("region", { name: "What the catalog holds" });
  for (const [instance, datatype] of [
    ["default", "DAOD_PHYS"],
    ["cms", "NANOAOD"],
  ]) {
    const figure = holdings.getByRole("figure", { name: `Instance ${instance}` });
    await expect(figure.locator(".recharts-bar-rectangle").first()).toBeVisible();
    await expect(figure).toContainText(/\d+ datasets, [\d.]+ [kMG]?B, in \d+ data types?\./);
    await figure.getByText("Show the numbers").click();
    const row = figure.getByRole("row", { name: new RegExp(`^${datatype} \\d+`) });
    await expect(row).toBeVisible();
  }
});

test("the health endpoint reports both local Rucio instances as reachable", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({
    ok: true,
    database: "ok",
    instances: [{ name: "default" }, { name: "cms" }],
  });
});
