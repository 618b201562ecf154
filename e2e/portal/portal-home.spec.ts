import { expect, test } from "@playwright/test";

test("the portal lists the demo scopes read live from the local Rucio", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Rucio Catalog", level: 1 })).toBeVisible();
  const scopes = page.getByRole("list", { name: "Scopes of default" });
  for (const scope of ["data18_13TeV", "mc20_13TeV", "cms_run2", "user.jdoe"]) {
    await expect(scopes.getByText(scope, { exact: true })).toBeVisible();
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
