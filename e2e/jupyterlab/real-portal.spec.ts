import { expect, test, type Frame, type Page } from "@playwright/test";
import { JUPYTER_TOKEN, JUPYTER_URL, REAL_PORTAL_URL } from "./env";
import { downloadedPath, expectDownloaded, expectInsertedDownload } from "./downloads";
import { createNotebook, openLab, readNotebook, rucioFiles, runCommand } from "./helpers";

// The real portal (scripts/e2e.sh leaves it running, with this JupyterLab's origin in its frame-ancestors)
// inside the real JupyterLab: signed in by the Jupyter server (embed sign-in), search, open a dataset,
// insert it into the notebook, stage what a notebook declares in download mode. It starts from a fresh
// workspace (the other specs leave notebooks open) and resets the user setting and the workspace
// afterwards: the other JupyterLab specs expect a fresh one showing the launcher.
test.describe.configure({ mode: "serial" });

const PORTAL_URL = REAL_PORTAL_URL;
const SETTINGS = `${JUPYTER_URL}/lab/api/settings/rucio-catalog-jupyterlab:settings`;
const auth = { Authorization: `token ${JUPYTER_TOKEN}` };
const SCOPE = "data18_13TeV";
const NAME = "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910";
const notebook = `real-portal-${Date.now()}.ipynb`;

async function realPortalFrame(page: Page): Promise<Frame> {
  await page.locator("#rucio-catalog-panel iframe").waitFor({ state: "attached" });
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(PORTAL_URL)), { timeout: 30_000 }).toBe(true);
  const frame = page.frames().find((f) => f.url().startsWith(PORTAL_URL))!;
  await frame.locator("html[data-hydrated]").waitFor({ state: "attached" });
  return frame;
}

test.beforeAll(async ({ request }) => {
  // The user's own setting wins over the server's (which points the other specs at a fake portal).
  const response = await request.put(SETTINGS, {
    headers: auth,
    data: { raw: JSON.stringify({ portalUrl: PORTAL_URL, allowedOrigin: PORTAL_URL }) },
  });
  expect(response.ok(), `saving the user setting: HTTP ${response.status()}`).toBe(true);
  await request.delete(`${JUPYTER_URL}/lab/api/workspaces/default`, { headers: auth });
});

test.afterAll(async ({ request }) => {
  await request.put(SETTINGS, { headers: auth, data: { raw: "{}" } });
  await request.delete(`${JUPYTER_URL}/lab/api/workspaces/default`, { headers: auth });
});

test("search in the embedded portal and insert a dataset: the cell holds its paths, the notebook its metadata", async ({
  page,
  request,
}) => {
  await createNotebook(request, notebook);
  await openLab(page, notebook);
  const cells = page.locator(".jp-Notebook .jp-Cell");
  await expect(cells).toHaveCount(1);
  await runCommand(page, "Open Rucio Catalog");
  const frame = await realPortalFrame(page);
  await frame.getByRole("link", { name: "Search", exact: true }).first().click();
  await frame.locator('input[type="search"], input[name="q"]').first().fill("348885 DAOD_PHYS");
  await frame.locator('input[type="search"], input[name="q"]').first().press("Enter");
  await frame.getByRole("link", { name: NAME }).first().click();
  const insert = frame.getByRole("button", { name: "Insert into notebook" });
  await expect(insert).toBeEnabled({ timeout: 30_000 }); // enabled once JupyterLab's hello was answered
  await insert.click();
  await expect(cells).toHaveCount(2);

  await page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", { hasText: notebook }).click();
  await page.keyboard.press("Control+s");
  await expect.poll(async () => (await readNotebook(request, notebook))?.cells.length).toBe(2);
  const saved = (await readNotebook(request, notebook))!;
  const paths = (await rucioFiles(request, SCOPE, NAME)).map((f) => downloadedPath(SCOPE, NAME, f));
  expect(paths).toHaveLength(5);
  for (const path of paths) expect(saved.cells[1]?.source).toContain(`"${path}"`);
  expectInsertedDownload(saved, SCOPE, NAME, paths);
});

test("the Jupyter server signs the panel in as its Rucio user; a notebook's missing dataset is downloaded through the portal", async ({
  page,
  request,
}) => {
  const scope = "mc20_13TeV";
  const name = "mc20_13TeV.361106.PowhegPythia8EvtGen_AZNLOCTEQ6L1_Zee.deriv.DAOD_PHYS.e8351_s3681_r13144_p5057";
  const declaring = `declares-${Date.now()}.ipynb`;
  const declared = { instance: "default", scope, name, type: "DATASET", mode: "download" };
  await createNotebook(request, declaring, { rucio_catalog: { datasets: [declared] } });
  await openLab(page, declaring);
  // This notebook's item (the one inserted into earlier may be open too); its title names the dataset.
  const dataState = page.locator(`.jp-RucioCatalogDataState[title*="${name}"]`);
  await expect(dataState).toContainText("Rucio data: 0/1 available · 1 missing", { timeout: 30_000 });

  await runCommand(page, "Open Rucio Catalog");
  const frame = await realPortalFrame(page);
  // Nobody typed a password: the frame's session comes from the Jupyter server's Rucio credentials.
  await expect(frame.getByTitle("Rucio account jdoe on default")).toBeVisible({ timeout: 30_000 });

  await page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", { hasText: declaring }).click();
  await dataState.getByRole("button", { name: "Stage missing" }).click();
  await expect(frame.locator(".embed-notice")).toContainText("Your notebook asked for 1 dataset(s): 1 staging", {
    timeout: 30_000,
  });
  await expect(dataState).toContainText("Rucio data: 1/1 available", { timeout: 120_000 });

  const files = await rucioFiles(request, scope, name);
  expect(files).toHaveLength(5);
  expectDownloaded(scope, name, files);
  // The portal recorded the request in jdoe's history and the Jupyter server's reports finished it.
  await frame.goto(`${PORTAL_URL}/stagings`);
  const row = frame.getByTestId("staging-row").filter({ hasText: name }).first();
  await expect(row).toContainText("Done", { timeout: 30_000 });
});

test("an Open in JupyterLab link from the portal's Share control opens the panel on that dataset, once", async ({
  page,
  request,
}) => {
  await request.delete(`${JUPYTER_URL}/lab/api/workspaces/default`, { headers: auth });
  // The link as a colleague receives it: from the real portal's Share control (PORTAL_JUPYTERLAB_LINK
  // names this JupyterLab in scripts/e2e.sh).
  await page.goto(`${PORTAL_URL}/datasets/${SCOPE}/${NAME}`);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByRole("button", { name: "Share" }).click();
  const link = new URL((await page.getByRole("link", { name: "Open in JupyterLab" }).getAttribute("href"))!);
  expect(link.origin).toBe(JUPYTER_URL);
  link.searchParams.set("token", JUPYTER_TOKEN);

  await page.goto(link.href);
  const frame = await realPortalFrame(page);
  await expect(frame.getByRole("heading", { level: 1, name: NAME })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Rucio Catalog: opened a shared link to", { exact: false })).toBeVisible();
  // Read once: the parameter leaves the address bar, so a reload does not open it again.
  await expect.poll(() => new URL(page.url()).searchParams.has("rucio-catalog")).toBe(false);
  expect(new URL(page.url()).pathname).toBe("/lab");
});

test("a hostile Open in JupyterLab link is refused with a message and opens nothing", async ({ page, request }) => {
  await request.delete(`${JUPYTER_URL}/lab/api/workspaces/default`, { headers: auth });
  const hostile = encodeURIComponent("https://evil.example/datasets/a/b");
  await page.goto(`${JUPYTER_URL}/lab?token=${JUPYTER_TOKEN}&rucio-catalog=${hostile}&rucio-catalog-portal=x`);
  await expect(page.getByText("Rucio Catalog link ignored:", { exact: false })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.locator("#rucio-catalog-panel")).toHaveCount(0);
  await expect(page.locator('iframe[src*="evil.example"]')).toHaveCount(0);
  await expect.poll(() => new URL(page.url()).search).not.toContain("rucio-catalog");
});
