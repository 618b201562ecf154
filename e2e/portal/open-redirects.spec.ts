import { expect, test, type Page } from "@playwright/test";
import { mintEmbedCode, openInPanel } from "./embed-panel";
import { submitSignInForm } from "./sign-in-form";

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

test("open redirect: a callbackUrl whose dot segments hide // ends on the portal after sign-in", async ({
  page,
  baseURL,
}) => {
  const portalOrigin = new URL(baseURL!).origin;
  const offSite = await recordLeavingThePortal(page, portalOrigin);
  await page.goto("/signin?callbackUrl=/.//evil.example");
  await submitSignInForm(page, "jdoe");
  await expect(page.getByRole("navigation", { name: "Account" }).getByText("jdoe")).toBeVisible({ timeout: 30_000 });
  expect(page.url()).toBe(`${portalOrigin}/`);
  expect(offSite).toEqual([]);
});

test("open redirect: /embed/start with an unknown code keeps next on the portal, through sign-in", async ({
  page,
  baseURL,
}) => {
  const portalOrigin = new URL(baseURL!).origin;
  const offSite = await recordLeavingThePortal(page, portalOrigin);
  await page.goto("/embed/start?next=/.//evil.example");
  await expect(page).toHaveURL(/\/signin\?/);
  const landed = new URL(page.url());
  expect(landed.origin).toBe(portalOrigin);
  expect(landed.searchParams.get("error")).toBe("EmbedSignIn");
  expect(landed.searchParams.get("callbackUrl")).toBe("/");
  await submitSignInForm(page, "jdoe");
  await expect(page.getByRole("navigation", { name: "Account" }).getByText("jdoe")).toBeVisible({ timeout: 30_000 });
  expect(page.url()).toBe(`${portalOrigin}/`);
  expect(offSite).toEqual([]);
});

test("open redirect: /embed/start with a valid code and next=/.//evil.example stays on the portal", async ({
  page,
  request,
  baseURL,
}) => {
  const portalOrigin = new URL(baseURL!).origin;
  const minted = await mintEmbedCode(request, "jdoe", "jdoe-secret", "/.//evil.example");
  const offSite = await recordLeavingThePortal(page, portalOrigin);
  const frame = await openInPanel(page, portalOrigin, minted.startPath, minted.nonce);
  await expect(frame.getByRole("navigation", { name: "Account" }).getByText("jdoe")).toBeVisible({ timeout: 30_000 });
  expect(frame.url()).toBe(`${portalOrigin}/`);
  expect(offSite).toEqual([]);
});
