import { expect } from "@playwright/test";
import { test } from "./portal-test";

// Both local Rucio instances in one catalog (scripts/e2e.sh indexes them): "default" on SQLite and the
// PostgreSQL-backed "cms" (rucio/cms.sh), whose CMS-style datasets keep their keys in Rucio's JSON metadata.

const CMS_DATASET = "/SingleMuon/Run2018A-UL2018_MiniAODv2_NanoAODv9-v2/NANOAOD";

test("one search spans both Rucio instances, the instance facet narrows it, and a JSON metadata key finds a CMS dataset", async ({
  page,
}) => {
  // SingleMuon NANOAOD datasets live in both: cms_run2 on "default", cms on "cms".
  await page.goto(`/search?q=${encodeURIComponent("SingleMuon NANOAOD")}`);
  const instances = page.getByRole("region", { name: "Rucio instance" });
  await expect(instances.locator('[data-value="default"]')).toBeVisible();
  const cms = instances.locator('[data-value="cms"]');
  await expect(cms).toBeVisible();
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await cms.click();
  await expect(page).toHaveURL(/[?&]q=SingleMuon\+NANOAOD\+instance%3Acms/);
  const rows = page.getByRole("table", { name: "Matching datasets" }).locator("tbody tr");
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await expect(row.getByRole("cell").nth(1)).toHaveText("cms on cms");

  // The cms instance names its own metadata keys as facets: a click adds meta.KEY:value.
  const eras = page.getByRole("region", { name: "era" });
  await expect(eras.locator('[data-value="Run2018B"]')).toContainText("1");
  await eras.locator('[data-value="Run2018B"]').click();
  await expect(page).toHaveURL(/\+meta.era%3ARun2018B/);
  await expect(rows).toHaveCount(1);
  await expect(page.getByRole("region", { name: "data_tier" }).locator('[data-value="NANOAOD"]')).toBeVisible();

  // Keys that exist only in the cms instance's JSON metadata: text, boolean and a number range.
  await page.goto(
    `/search?q=${encodeURIComponent("meta.era:run2018a meta.is_mc:false meta.nevents:4000000..5000000")}`,
  );
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole("link", { name: CMS_DATASET }).click();
  await expect(page).toHaveURL(/\/datasets\/cms\/.*NANOAOD\?instance=cms$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(CMS_DATASET);
  await expect(page.getByText("on instance")).toContainText("cms");
  await page.getByText(/^All metadata/).click();
  const era = page.locator(".all-meta dt", { hasText: /^era$/ });
  await expect(era.locator("xpath=following-sibling::dd")).toHaveText("Run2018A");
  const primary = page.locator(".all-meta dt", { hasText: /^primary_dataset$/ });
  await expect(primary.locator("xpath=following-sibling::dd")).toHaveText("SingleMuon");

  // A key no DID has: nothing matches, and its exclusion keeps everything else.
  await page.goto(`/search?q=${encodeURIComponent("meta.no_such_key:1 instance:cms")}`);
  await expect(page.getByText(/No datasets match/)).toBeVisible();
});
