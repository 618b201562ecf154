import { expect, type Frame, type Page } from "@playwright/test";
import { mintEmbedCode, openInPanel } from "./embed-panel";
import { portalPath, test as portalTest } from "./portal-test";
import { submitSignInForm } from "./sign-in-form";
import { expectSignedInAs } from "./signed-in";

// Open redirects: callbackUrl and next values that hide another origin end on the portal.

/** Every address the browser asks for off the portal's origin; such requests are aborted, not sent. */
async function recordLeavingThePortal(page: Page, portalOrigin: string): Promise<string[]> {
  const offSite: string[] = [];
  await page.context().route(
    (url) => url.origin !== portalOrigin,
    (route) => {
      offSite.push(route.request().url());
      return route.abort();
    },
  );
  return offSite;
}

/** With `offSite`: what the page asked of other origins during the test (recordLeavingThePortal). */
const test = portalTest.extend<{ offSite: string[] }>({
  offSite: async ({ page, portalOrigin }, use) => {
    await use(await recordLeavingThePortal(page, portalOrigin));
  },
});

/** Signed in as jdoe on the portal's home page, and nothing was asked of another origin on the way. */
async function expectHomeWithoutLeaving(where: Page | Frame, portalOrigin: string, offSite: string[]) {
  await expectSignedInAs(where, "jdoe");
  expect(where.url()).toBe(`${portalOrigin}${portalPath("/")}`);
  expect(offSite).toEqual([]);
}

test("open redirect: a callbackUrl whose dot segments hide // ends on the portal after sign-in", async ({
  page,
  portalOrigin,
  offSite,
}) => {
  await page.goto("/signin?callbackUrl=/.//evil.example");
  await submitSignInForm(page, "jdoe");
  await expectHomeWithoutLeaving(page, portalOrigin, offSite);
});

test("open redirect: /embed/start with a valid code and next=/.//evil.example stays on the portal", async ({
  page,
  request,
  portalOrigin,
  offSite,
}) => {
  const minted = await mintEmbedCode(request, "jdoe", "jdoe-secret", "/.//evil.example");
  const frame = await openInPanel(page, portalOrigin, minted.startPath, minted.nonce);
  await expectHomeWithoutLeaving(frame, portalOrigin, offSite);
});

test("open redirect: /embed/start with an unknown code keeps next on the portal, through sign-in", async ({
  page,
  portalOrigin,
  offSite,
}) => {
  await page.goto("/embed/start?next=/.//evil.example");
  await expect(page).toHaveURL(/\/signin\?/);
  const landed = new URL(page.url());
  expect(landed.origin).toBe(portalOrigin);
  expect(landed.searchParams.get("error")).toBe("EmbedSignIn");
  expect(landed.searchParams.get("callbackUrl")).toBe("/");
  await submitSignInForm(page, "jdoe");
  await expectHomeWithoutLeaving(page, portalOrigin, offSite);
});
