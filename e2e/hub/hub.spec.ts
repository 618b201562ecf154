import { expect, test, type Frame, type Page } from "@playwright/test";
import { runCommand } from "../jupyterlab/helpers";
import { HUB_URL, PORTAL_URL, USERS } from "./hub-env";

// A SWAN-like site: ana finds a dataset in the catalog panel of her JupyterLab and shares an
// "open in JupyterLab" link; ben opens it and lands in his own JupyterLab with the panel on that dataset.
// Each is signed in to the portal by their own Jupyter server, as the Rucio identity the hub maps them to.
const SCOPE = "data18_13TeV";
const NAME = "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910";

type HubUser = keyof typeof USERS;

/** Signs in to the hub; `next` is where the hub sends the user afterwards. */
async function signInToHub(page: Page, user: HubUser, next = "/hub/user-redirect/lab"): Promise<void> {
  await page.goto(`${HUB_URL}/hub/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Username").fill(user);
  await page.getByLabel("Password").fill(USERS[user].password);
  await page.getByRole("button", { name: /sign in/i }).click();
}

/** Waits for the user's JupyterLab (the hub may first show its spawn-pending page). */
async function labReady(page: Page, user: HubUser): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`/user/${user}/lab`), { timeout: 180_000 });
  await page.locator("#jp-main-dock-panel").waitFor({ timeout: 120_000 });
  await page.locator("#jupyterlab-splash").waitFor({ state: "detached" });
}

async function catalogFrame(page: Page): Promise<Frame> {
  await page.locator("#rucio-catalog-panel iframe").waitFor({ state: "attached" });
  const isPortal = (frame: Frame) => frame.url().startsWith(`${PORTAL_URL}/`);
  await expect.poll(() => page.frames().some(isPortal), { timeout: 60_000 }).toBe(true);
  const frame = page.frames().find(isPortal)!;
  await frame.locator("html[data-hydrated]").waitFor({ state: "attached" });
  return frame;
}

async function signedInAs(frame: Frame, user: HubUser): Promise<void> {
  await expect(frame.getByTitle(`Rucio account ${USERS[user].rucioAccount} on default`)).toBeVisible({
    timeout: 60_000,
  });
}

/** Stages the dataset the frame shows; answers the id of the staging request it made. */
async function stageInPanel(page: Page, frame: Frame): Promise<string> {
  const created = page.waitForResponse(
    (response) => response.url().endsWith("/api/stagings") && response.request().method() === "POST",
  );
  await frame.getByRole("button", { name: "Stage", exact: true }).click();
  await frame.getByRole("dialog", { name: "Stage this dataset?" }).getByRole("button", { name: "Confirm" }).click();
  const response = await created;
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { staging: { id: string } }).staging.id;
}

/** The newest requests of the history the frame's session sees. */
async function historyIds(frame: Frame): Promise<string[]> {
  return frame.evaluate(async (url) => {
    const body = (await (await fetch(url)).json()) as { stagings: { id: string }[] };
    return body.stagings.map((staging) => staging.id);
  }, `${PORTAL_URL}/api/stagings?limit=100`);
}

async function requestStatus(frame: Frame, id: string): Promise<number> {
  return frame.evaluate(async (url) => (await fetch(url)).status, `${PORTAL_URL}/api/stagings/${id}`);
}

test("ana shares an open-in-JupyterLab link; ben opens it in his own JupyterLab, inserts and stages the dataset", async ({
  browser,
}) => {
  const anaContext = await browser.newContext();
  const ana = await anaContext.newPage();
  await signInToHub(ana, "ana");
  await labReady(ana, "ana");
  await runCommand(ana, "Open Rucio Catalog");
  const anaFrame = await catalogFrame(ana);
  // Same origin as JupyterLab, and no embed code left in the address bar.
  expect(new URL(anaFrame.url()).origin).toBe(new URL(ana.url()).origin);
  expect(ana.url()).not.toContain("code=");
  await signedInAs(anaFrame, "ana");

  await anaFrame.getByRole("link", { name: "Search", exact: true }).first().click();
  const query = anaFrame.locator('input[type="search"], input[name="q"]').first();
  await query.fill("348885 DAOD_PHYS");
  await query.press("Enter");
  await anaFrame.getByRole("link", { name: NAME }).first().click();
  await expect(anaFrame.getByRole("heading", { name: new RegExp(NAME.replaceAll(".", "\\.")) })).toBeVisible();
  await anaFrame.getByRole("button", { name: "Share" }).click();
  const labLink = await anaFrame.getByRole("link", { name: "Open in JupyterLab" }).getAttribute("href");
  expect(labLink).toMatch(new RegExp(`^${HUB_URL}/hub/user-redirect/lab\\?rucio-catalog=`));
  await ana.keyboard.press("Escape");
  const anaRequest = await stageInPanel(ana, anaFrame);

  const benContext = await browser.newContext();
  const ben = await benContext.newPage();
  await ben.goto(labLink!);
  await expect(ben).toHaveURL(/\/hub\/login/);
  await ben.getByLabel("Username").fill("ben");
  await ben.getByLabel("Password").fill(USERS.ben.password);
  await ben.getByRole("button", { name: /sign in/i }).click();
  await labReady(ben, "ben");
  const benFrame = await catalogFrame(ben);
  // Through the embed sign-in (/embed/start) to the dataset page.
  await expect.poll(() => benFrame.url(), { timeout: 30_000 }).toContain(`/datasets/${SCOPE}/${NAME}`);
  await signedInAs(benFrame, "ben");
  // The link's parameters are gone from ben's address bar once handled.
  await expect.poll(() => ben.url()).not.toContain("rucio-catalog=");
  // JupyterLab says what the link opened; its toast would sit over the panel's stage dialog.
  await expect(ben.locator(".jp-toast-message", { hasText: "opened a shared link" })).toBeVisible();
  await ben.getByTitle("Hide notification").first().click();

  const insert = benFrame.getByRole("button", { name: "Insert into notebook" });
  await expect(insert).toBeEnabled();
  await runCommand(ben, "New Notebook");
  // A fresh server asks for a kernel: the paths cell is written for the notebook's language.
  await ben.locator(".jp-Dialog button", { hasText: /^Select$/ }).click({ timeout: 30_000 });
  await ben.locator(".jp-Notebook .jp-Cell").first().waitFor();
  // The notebook opened as a tab over the panel: back to the panel's tab, as a user would.
  await ben.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", { hasText: "Rucio Catalog" }).click();
  await insert.click();
  await expect(ben.locator(".jp-Notebook .jp-Cell")).toHaveCount(2);
  await expect(ben.locator(".jp-Notebook .jp-Cell").nth(1)).toContainText(NAME);
  const benRequest = await stageInPanel(ben, benFrame);

  const anaHistory = await historyIds(anaFrame);
  const benHistory = await historyIds(benFrame);
  expect(anaHistory).toContain(anaRequest);
  expect(anaHistory).not.toContain(benRequest);
  expect(benHistory).toContain(benRequest);
  expect(benHistory).not.toContain(anaRequest);
  expect(await requestStatus(benFrame, anaRequest)).toBe(404);
  expect(await requestStatus(anaFrame, benRequest)).toBe(404);
  await anaContext.close();
  await benContext.close();
});
