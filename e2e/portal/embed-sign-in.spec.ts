import { expect, type APIRequestContext, type Browser, type Frame, type Page } from "@playwright/test";
import { mintEmbedCode, newNonce, openInPanel } from "./embed-panel";
import { portalPath, test } from "./portal-test";
import { submitSignInForm } from "./sign-in-form";
import { accountOf, expectSignedInAs } from "./signed-in";

// Session planting with embed sign-in codes: an attacker holding their own Rucio token (alice's here)
// mints a code and gets a victim's browser (signed in to the portal as jdoe) to load it, so the victim's
// stagings would land in the attacker's account. A code signs in only inside the panel frame holding the
// nonce it was minted with, and never replaces another user's session without a click.

async function signedInAs(page: Page, username: string) {
  await page.goto("/signin?callbackUrl=/stagings");
  await submitSignInForm(page, username);
  await expectSignedInAs(page, username);
}

/** The attacker's code: alice's, for /stagings. */
const mintAlicesCode = (request: APIRequestContext) => mintEmbedCode(request, "alice", "alice-secret", "/stagings");

/** Who the browser context is signed in as, seen on a portal page of its own. */
async function accountShown(browserPage: Page): Promise<string> {
  const page = await browserPage.context().newPage();
  await page.goto("/stagings");
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  const text = (await accountOf(page).textContent()) ?? "";
  await page.close();
  return text;
}

/** jdoe signed in, then alice's code opened in jdoe's panel, with the nonce it was minted with. */
async function alicesCodeInJdoesPanel(page: Page, request: APIRequestContext, portalOrigin: string): Promise<Frame> {
  await signedInAs(page, "jdoe");
  const alices = await mintAlicesCode(request);
  return openInPanel(page, portalOrigin, alices.startPath, alices.nonce);
}

async function freshPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  return (await browser.newContext({ baseURL })).newPage();
}

test("a code loaded top-level in a victim's window signs no one in; it still only works in the panel that asked for it", async ({
  page,
  request,
  browser,
  baseURL,
  portalOrigin,
}) => {
  await signedInAs(page, "jdoe");
  const attackers = await mintAlicesCode(request);

  const redemptions: string[] = [];
  page.on("request", (sent) => sent.url().includes("/api/embed/") && redemptions.push(sent.url()));
  await page.goto(attackers.startPath);
  await expect(page.getByRole("heading", { name: "Open this link in JupyterLab" })).toBeVisible();
  await expect(
    page.getByText("This sign-in link is meant for the Rucio Catalog panel in JupyterLab. Nothing was signed in."),
  ).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(redemptions).toEqual([]);
  expect(await accountShown(page)).toContain("jdoe");
  expect(await accountShown(page)).not.toContain("alice");

  // The code was not spent by the visit: in the attacker's own panel, with the nonce, it signs in alice.
  const attackerPage = await freshPage(browser, baseURL);
  const frame = await openInPanel(attackerPage, portalOrigin, attackers.startPath, attackers.nonce);
  await expectSignedInAs(frame, "alice");
  expect(new URL(frame.url()).pathname).toBe(portalPath("/stagings"));
  await attackerPage.context().close();
  // And the victim is still jdoe.
  expect(await accountShown(page)).toContain("jdoe");
});

test("a code framed by a panel that does not hold its nonce is refused and spent", async ({
  page,
  request,
  portalOrigin,
}) => {
  const attackers = await mintAlicesCode(request);
  const frame = await openInPanel(page, portalOrigin, attackers.startPath, newNonce());
  await expect(frame.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    /This sign-in link was not made for this panel: nothing was signed in/,
    { timeout: 30_000 },
  );
  expect((await page.context().cookies(portalOrigin)).map((cookie) => cookie.name)).not.toContain(
    "next-auth.session-token",
  );
  expect(await accountShown(page)).not.toContain("alice");

  // Spent: not even the right nonce redeems it now.
  const again = await openInPanel(page, portalOrigin, attackers.startPath, attackers.nonce);
  await expect(again.getByText("JupyterLab's sign-in link was already used or has expired")).toBeVisible({
    timeout: 30_000,
  });
  expect(await accountShown(page)).not.toContain("alice");
});

test("in the panel, another user's live session is replaced only after an explicit click", async ({
  page,
  request,
  portalOrigin,
}) => {
  const frame = await alicesCodeInJdoesPanel(page, request, portalOrigin);
  await expect(frame.getByText("You are signed in as jdoe here; continue as alice?")).toBeVisible({ timeout: 30_000 });
  expect(await accountShown(page)).toContain("jdoe");

  await frame.getByRole("button", { name: "Continue as alice" }).click();
  await expectSignedInAs(frame, "alice");
  expect(new URL(frame.url()).pathname).toBe(portalPath("/stagings"));
  expect(await accountShown(page)).toContain("alice");
});

test("staying signed in keeps the session and leaves the code unused", async ({ page, request, portalOrigin }) => {
  const frame = await alicesCodeInJdoesPanel(page, request, portalOrigin);
  await frame.getByRole("button", { name: "Stay signed in as jdoe" }).click();
  await expectSignedInAs(frame, "jdoe");
  expect(await accountShown(page)).toContain("jdoe");
});
