import { expect, type Browser, type Page } from "@playwright/test";
import { portalPath, test } from "./portal-test";
import { submitSignInForm } from "./sign-in-form";
import { LOCAL_RUCIO_URL } from "../../testing/local-rucio";
import { type PortalUnderTest, startBuiltPortal } from "../../testing/portal-under-test";

// AUTH_REQUIRE_SIGNIN_FOR_CATALOG=true on the catalog's pages: a second `next start` of the build that
// scripts/e2e.sh made (the portal under test keeps the default, public catalog), same database and Rucio.

const DATASET = "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910";
// Per page: where it is, a piece of catalog data it shows (never in the redirect), and how to see the page.
const PAGES = {
  home: {
    path: "/?theme=dark",
    notSent: "DAOD_PHYS",
    shows: (page: Page) =>
      page.getByRole("list", { name: "Example searches" }).getByRole("link", { name: "datatype:DAOD_PHYS" }),
  },
  search: {
    path: `/search?${new URLSearchParams({ q: "scope:data18_13TeV run:348885", sort: "name" })}`,
    notSent: DATASET,
    shows: (page: Page) => page.getByRole("link", { name: DATASET, exact: true }),
  },
  dataset: {
    path: `/datasets/data18_13TeV/${DATASET}?instance=default`,
    notSent: "Catalog metadata",
    shows: (page: Page) => page.getByRole("heading", { level: 1, name: DATASET }),
  },
};

let portal: PortalUnderTest;
let portalUrl: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  portal = await startBuiltPortal({
    build: "working-tree",
    label: "catalog-sign-in-required",
    env: {
      RUCIO_URL: LOCAL_RUCIO_URL,
      AUTH_REQUIRE_SIGNIN_FOR_CATALOG: "true",
      // The portal under test tracks the staging requests already.
      STAGING_TRACKER_ENABLED: "false",
    },
  });
  portalUrl = portal.url;
});

test.afterAll(async () => {
  await portal?.stop();
});

/** A path of the portal as the second portal serves it (under the same prefix). */
const onSecondPortal = (path: string) => `${new URL(portalUrl).origin}${portalPath(path)}`;

const signInPage = (callbackUrl: string) =>
  new RegExp(`/signin\\?callbackUrl=${encodeURIComponent(callbackUrl).replace(/[.?*+()[\]\\]/g, "\\$&")}$`);

async function freshPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ baseURL: portalUrl })).newPage();
}

for (const [name, { path, notSent, shows }] of Object.entries(PAGES)) {
  test(`${name}: an unsigned visitor signs in first and comes back to ${path}`, async ({ browser, request }) => {
    // The redirect itself, before any catalog data is read or sent.
    const answer = await request.get(onSecondPortal(path), { maxRedirects: 0 });
    expect(answer.status()).toBe(307);
    expect(answer.headers()["location"]).toBe(portalPath(`/signin?${new URLSearchParams({ callbackUrl: path })}`));
    expect(await answer.text()).not.toContain(notSent);

    const page = await freshPage(browser);
    await page.goto(path);
    await expect(page).toHaveURL(signInPage(path));
    await submitSignInForm(page, "jdoe");
    await expect(page).toHaveURL(onSecondPortal(path));
    await expect(shows(page)).toBeVisible();
    await page.context().close();
  });
}

test("after sign-out, links and the replayed session cookie lead back to sign-in", async ({ browser }) => {
  const page = await freshPage(browser);
  await page.goto(PAGES.search.path);
  await submitSignInForm(page, "jdoe");
  await expect(PAGES.search.shows(page)).toBeVisible();
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(signInPage("/"));
  // A client-side navigation (the header's link) is sent back the same way, with a clean way back.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search" }).click();
  await expect(page).toHaveURL(signInPage("/search"));
  // The cookie replayed after sign-out: its stored sign-in is gone, so it no longer counts.
  await page.context().addCookies(cookies);
  await page.goto(PAGES.dataset.path);
  await expect(page).toHaveURL(signInPage(PAGES.dataset.path));
  await page.context().close();
});

test("with the default setting the same pages stay public (the portal under test)", async ({ request }) => {
  for (const { path } of Object.values(PAGES)) {
    const answer = await request.get(path, { maxRedirects: 0 });
    expect(answer.status(), path).toBe(200);
  }
});
