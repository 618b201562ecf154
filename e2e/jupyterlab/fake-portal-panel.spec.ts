import { expect, test, type Page } from "@playwright/test";
import { PROTOCOL_VERSION } from "@rucio-catalog/protocol";
import { JUPYTER_TOKEN, JUPYTER_URL, OTHER_ORIGIN, PORTAL_ORIGIN } from "./env";
import { downloadedPath, expectDownloaded, expectInsertedDownload } from "./downloads";
import {
  createNotebook,
  type FakePortalWindow,
  openLab,
  openPanelFromViewMenu,
  portalFrame,
  readNotebook,
  receivedByPortal,
  rucioFiles,
  runCommand,
} from "./helpers";

test.describe.configure({ mode: "serial" });

const SCOPE = "data18_13TeV";
const NAME = "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910";
const dataset = { instance: "default", scope: SCOPE, name: NAME, type: "DATASET" };
const insertMessage = { protocol: "rucio-catalog", version: "1.1", type: "insert-datasets", datasets: [dataset] };
const notebook = `e2e-${Date.now()}.ipynb`;

function collectWarnings(page: Page): string[] {
  const warnings: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "warning") warnings.push(message.text());
  });
  return warnings;
}

async function showNotebook(page: Page): Promise<void> {
  await page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", { hasText: notebook }).click();
}

test("the View menu opens the portal in a sandboxed panel that follows the theme and comes back after a reload", async ({
  page,
}) => {
  await openLab(page);
  await expect(page.locator(".jp-LauncherCard", { hasText: "Open Rucio Catalog" })).toBeVisible();
  await openPanelFromViewMenu(page);

  const iframe = page.locator("#rucio-catalog-panel iframe");
  await expect(iframe).toHaveAttribute("src", `${PORTAL_ORIGIN}/?theme=light`);
  await expect(iframe).toHaveAttribute("sandbox", "allow-scripts allow-same-origin allow-forms");
  await expect(iframe).toHaveAttribute("referrerpolicy", "no-referrer");

  const frame = await portalFrame(page);
  const hello = (await receivedByPortal(frame)).find((m) => m.data.type === "hello");
  expect(hello?.origin).toBe(JUPYTER_URL);
  expect(hello?.data).toMatchObject({
    protocol: "rucio-catalog",
    version: PROTOCOL_VERSION,
    theme: "light",
    session: { mode: "download", instance: "default", destinationRse: "SWAN-MOUNT" },
  });
  expect(hello?.data.capabilities).toEqual(
    expect.arrayContaining(["insert-datasets", "stage-download", "request-stage", "sign-in-nonce", "watch-news"]),
  );

  await runCommand(page, "Use Theme: JupyterLab Dark");
  await expect
    .poll(async () => (await receivedByPortal(frame)).filter((m) => m.data.type === "theme").map((m) => m.data.theme))
    .toEqual(["dark"]);
  await runCommand(page, "Use Theme: JupyterLab Light");
  await expect.poll(async () => (await receivedByPortal(frame)).filter((m) => m.data.type === "theme").length).toBe(2);

  await page.waitForTimeout(1500); // the layout is saved to the workspace shortly after a change
  await page.reload();
  await expect(page.locator("#rucio-catalog-panel iframe")).toHaveAttribute("src", `${PORTAL_ORIGIN}/?theme=light`);
});

test("messages from a wrong origin or a wrong frame are ignored; the portal's own inserts paths and metadata", async ({
  page,
  request,
}) => {
  await createNotebook(request, notebook);
  const warnings = collectWarnings(page);
  await openLab(page, notebook);
  const cells = page.locator(".jp-Notebook .jp-Cell");
  await expect(cells).toHaveCount(1);
  await runCommand(page, "Open Rucio Catalog");
  let frame = await portalFrame(page);

  // Same origin as the portal, but another frame (nested in the portal page).
  await frame.evaluate(([origin, message]) => (window as unknown as FakePortalWindow).nestedSender(origin, message), [
    PORTAL_ORIGIN,
    insertMessage,
  ] as const);
  await expect
    .poll(() => warnings.filter((w) => w.includes("does not come from the Rucio Catalog panel")).length)
    .toBe(1);

  // Another origin, from a frame nested in the portal page.
  await frame.evaluate(([origin, message]) => (window as unknown as FakePortalWindow).nestedSender(origin, message), [
    OTHER_ORIGIN,
    insertMessage,
  ] as const);
  const wrongOrigin = `dropped a message from ${OTHER_ORIGIN}: origin is not the configured portal origin`;
  await expect.poll(() => warnings.filter((w) => w.includes(wrongOrigin)).length).toBe(1);

  // Another origin loaded in the panel's own iframe (right frame, wrong origin).
  await frame.evaluate(
    (url) => (window.location.href = url),
    `${OTHER_ORIGIN}/sender?message=${encodeURIComponent(JSON.stringify(insertMessage))}`,
  );
  await expect.poll(() => warnings.filter((w) => w.includes(wrongOrigin)).length).toBe(2);
  expect(await cells.count()).toBe(1);

  const other = page.frames().find((f) => f.url().startsWith(OTHER_ORIGIN));
  await other?.evaluate((url) => (window.location.href = url), `${PORTAL_ORIGIN}/?theme=light`);
  frame = await portalFrame(page);
  await frame.evaluate((message) => (window as unknown as FakePortalWindow).sendToHost(message), insertMessage);
  await expect(cells).toHaveCount(2);

  await showNotebook(page);
  await page.keyboard.press("Control+s");
  await expect.poll(async () => (await readNotebook(request, notebook))?.cells.length).toBe(2);
  const saved = await readNotebook(request, notebook);
  if (!saved) throw new Error(`${notebook} cannot be read`);
  const files = await rucioFiles(request, SCOPE, NAME);
  const paths = files.map((f) => downloadedPath(SCOPE, NAME, f));
  expect(saved.cells[0]?.source).toBe("print('analysis')");
  expectInsertedDownload(saved, SCOPE, NAME, paths);
  expect(saved.cells[1]?.source).toBe(
    [
      `# Rucio dataset ${SCOPE}:${NAME} (default, download mode, ${files.length} files)`,
      "data18_13tev_00348885_physics_main_deriv_daod_phys_r13286_p4 = [",
      ...paths.map((p) => `    "${p}",`),
      "]",
    ].join("\n"),
  );
});

test("a reopened notebook shows its data state and stages the missing dataset through the portal", async ({
  page,
  request,
}) => {
  await openLab(page, notebook);
  const dataState = page.locator(".jp-RucioCatalogDataState");
  await expect(dataState).toContainText("Rucio data: 0/1 available · 1 missing");

  await openPanelFromViewMenu(page);
  const frame = await portalFrame(page);
  // Connected: the extension told the portal which notebook is active and what it declares.
  await expect
    .poll(async () =>
      (await receivedByPortal(frame)).some(
        (m) => m.data.type === "notebook-context" && m.data.notebookPath === notebook,
      ),
    )
    .toBe(true);

  await showNotebook(page);
  await dataState.getByRole("button", { name: "Stage missing" }).click();

  const files = await rucioFiles(request, SCOPE, NAME);
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  // The status bar sums the session's recent requests (the real-portal spec may have downloaded before).
  const status = page.locator(".jp-RucioCatalogStatus");
  await expect(status).toHaveText(/^Rucio: (\d+)\/\1 files · .+ · 100%$/);
  await expect(status).toHaveAttribute(
    "title",
    new RegExp(`${NAME.replace(/\./g, "\\.")}: done, ${files.length}/${files.length} files`),
  );
  await expect(dataState).toContainText("Rucio data: 1/1 available");

  expectDownloaded(SCOPE, NAME, files);

  const received = await receivedByPortal(frame);
  expect(received.find((m) => m.data.type === "request-stage")?.data.datasets).toEqual([
    expect.objectContaining(dataset),
  ]);
  // The Jupyter server reported to the portal's progress URL with the request's token...
  const reports = (await (await request.get(`${PORTAL_ORIGIN}/__reports`)).json()) as {
    body: Record<string, unknown>;
  }[];
  expect(reports.at(-1)?.body).toEqual({
    state: "done",
    filesDone: files.length,
    filesTotal: files.length,
    bytesDone: total,
    bytesTotal: total,
  });
  // ...and the extension relayed the progress to the portal page.
  await expect
    .poll(async () =>
      (await receivedByPortal(frame)).some((m) => m.data.type === "progress" && m.data.state === "done"),
    )
    .toBe(true);

  await page.locator(".jp-RucioCatalogStatus").click();
  await expect(page.locator("#rucio-catalog-panel iframe")).toHaveAttribute(
    "src",
    `${PORTAL_ORIGIN}/stagings?theme=light`,
  );
});

test("the portal's count of new watch matches shows in the status bar and opens the watched searches", async ({
  page,
}) => {
  await openLab(page);
  await runCommand(page, "Open Rucio Catalog");
  const frame = await portalFrame(page);
  const news = page.locator(".jp-RucioCatalogWatchNews");
  const sendNews = (newCount: unknown) =>
    frame.evaluate((message) => (window as unknown as FakePortalWindow).sendToHost(message), {
      protocol: "rucio-catalog",
      version: PROTOCOL_VERSION,
      type: "watch-news",
      newCount,
    });
  await sendNews(-4); // not a count: dropped
  await sendNews(2);
  await expect(news).toHaveText("2 new in watched searches");
  await sendNews(0);
  await expect(news).toBeHidden();
  await sendNews(1);
  await expect(news).toHaveAccessibleName("1 new in watched searches. Open the watched searches");
  await news.focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#rucio-catalog-panel iframe")).toHaveAttribute(
    "src",
    `${PORTAL_ORIGIN}/watches?theme=light`,
  );
});

test("the panel opens in the right sidebar when the setting says so", async ({ page, request }) => {
  const settingsUrl = `${JUPYTER_URL}/lab/api/settings/rucio-catalog-jupyterlab:settings`;
  const headers = { Authorization: `token ${JUPYTER_TOKEN}` };
  const put = (raw: string) => request.put(settingsUrl, { headers, data: { raw } });
  expect((await put(JSON.stringify({ panelArea: "right" }))).ok()).toBe(true);
  try {
    await openLab(page);
    await runCommand(page, "Open Rucio Catalog");
    await expect(page.locator("#jp-right-stack #rucio-catalog-panel iframe")).toBeVisible();
  } finally {
    await put("{}");
  }
});
