import { expect, type Page } from "@playwright/test";
import { BASE_PATH, portalPath, test } from "./portal-test";
import { submitSignInForm } from "./sign-in-form";
import { expectSignedInAs } from "./signed-in";

// These hold at the root too; the PostgreSQL pass (scripts/test-postgres.sh e2e) runs them under a prefix.
const DATASET = "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910";

/** Every link on the page to this portal's origin, as the browser resolved it. */
async function ownLinks(page: Page, origin: string): Promise<string[]> {
  const hrefs = await page
    .locator("a[href], form[action]")
    .evaluateAll((nodes) =>
      nodes.map((node) => (node instanceof HTMLFormElement ? node.action : (node as HTMLAnchorElement).href)),
    );
  return hrefs
    .map((href) => new URL(href))
    .filter((url) => url.origin === origin)
    .map((url) => url.pathname);
}

async function expectLinksUnderThePrefix(page: Page, origin: string): Promise<void> {
  const paths = await ownLinks(page, origin);
  expect(paths.length).toBeGreaterThan(0);
  const outside = paths.filter((path) => path !== BASE_PATH && !path.startsWith(`${BASE_PATH}/`));
  expect(outside, `links that lose the prefix ${BASE_PATH || "(root)"}`).toEqual([]);
}

test("a request outside the base path is a 404", async ({ request, portalOrigin }) => {
  test.skip(!BASE_PATH, "the portal runs at the root of its origin");
  for (const path of ["/", "/search?q=DAOD", "/api/health", "/api/auth/providers", "/embed/start?code=x"]) {
    const answer = await request.get(`${portalOrigin}${path}`, { maxRedirects: 0 });
    expect(answer.status(), path).toBe(404);
  }
  expect((await request.get(portalPath("/api/health"))).status()).not.toBe(404);
});

test("sign-in keeps the prefix: the redirect, the form and the way back", async ({ page, portalOrigin }) => {
  await page.goto("/stagings");
  await expect(page).toHaveURL(`${portalOrigin}${portalPath("/signin?callbackUrl=%2Fstagings")}`);
  await submitSignInForm(page, "jdoe");
  await expect(page).toHaveURL(`${portalOrigin}${portalPath("/stagings")}`);
  await expectSignedInAs(page, "jdoe");
  await expectLinksUnderThePrefix(page, portalOrigin);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${portalOrigin}${portalPath("/")}`);
  await expect(
    page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }),
  ).toHaveAttribute("href", portalPath("/signin"));
});

test("links, searches and copied links keep the prefix", async ({ page, context, portalOrigin, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.goto("/");
  await expectLinksUnderThePrefix(page, portalOrigin);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const box = page.getByRole("searchbox", { name: "Search datasets" });
  await box.fill("run:348885");
  await box.press("Enter");
  await expect(page).toHaveURL(new RegExp(`^${portalOrigin}${BASE_PATH}/search\\?`));
  await expect(page.getByRole("link", { name: DATASET, exact: true })).toBeVisible();
  await expectLinksUnderThePrefix(page, portalOrigin);
  await page.getByRole("link", { name: DATASET, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`^${portalOrigin}${BASE_PATH}/datasets/data18_13TeV/`));
  await expect(page.getByRole("heading", { level: 1, name: DATASET })).toBeVisible();
  await expectLinksUnderThePrefix(page, portalOrigin);
  await page.getByRole("button", { name: "Share" }).click();
  await page.getByRole("button", { name: "Copy portal link", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Link copied" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.startsWith(`${portalOrigin}${BASE_PATH}/datasets/data18_13TeV/`), copied).toBe(true);
});
