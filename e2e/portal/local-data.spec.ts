import { expect, type Frame, type Page } from "@playwright/test";
import { mintEmbedCode, openInPanel } from "./embed-panel";
import { test } from "./portal-test";
import { freshJdoeDataset, LOCAL_RUCIO_URL, rucioToken } from "../../testing/local-rucio";

// In JupyterLab's panel (a rule-mode session mounting SWAN-MOUNT), a dataset whose every file is
// already on SWAN-MOUNT: the panel says so, offers no Stage, and Insert into notebook hands JupyterLab
// the files' local paths with no staging request. A dataset that is not there still offers Stage.

const DESTINATION = process.env.STAGING_RSE_EXPRESSION ?? "SWAN-MOUNT";
const SESSION = { mode: "rule" as const, instance: "default", destinationRse: DESTINATION };
type Did = { scope: string; name: string };
const datasetPath = (did: Did) => `/datasets/${did.scope}/${did.name}`;

/** jdoe's rule to the mounted RSE, made straight in Rucio, once its daemons have taken it to OK. */
async function onMountRse(did: Did): Promise<void> {
  const headers = { "X-Rucio-Auth-Token": await rucioToken("jdoe"), "Content-Type": "application/json" };
  const created = await fetch(`${LOCAL_RUCIO_URL}/rules/`, {
    method: "POST",
    headers,
    body: JSON.stringify({ dids: [did], copies: 1, rse_expression: DESTINATION, account: "jdoe", lifetime: 86_400 }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const [ruleId] = (await created.json()) as string[];
  const state = () =>
    fetch(`${LOCAL_RUCIO_URL}/rules/${ruleId}`, { headers })
      .then(async (answer) => ((await answer.json()) as { state: string }).state)
      .catch((error: unknown) => String(error));
  await expect.poll(state, { timeout: 180_000, intervals: [2_000] }).toBe("OK");
}

/** Counts the page's staging requests (POST /api/stagings), from any frame. */
function countStagingRequests(page: Page): () => number {
  let count = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname.endsWith("/api/stagings")) count += 1;
  });
  return () => count;
}

async function panelOn(page: Page, request: Parameters<typeof mintEmbedCode>[0], origin: string, did: Did) {
  const minted = await mintEmbedCode(request, "jdoe", "jdoe-secret", datasetPath(did));
  const frame = await openInPanel(page, origin, minted.startPath, minted.nonce, {
    capabilities: ["insert-datasets", "progress"],
    session: SESSION,
  });
  await expect(frame.getByRole("heading", { level: 1 })).toContainText(did.name, { timeout: 30_000 });
  return frame;
}

const insertButton = (frame: Frame) => frame.getByRole("button", { name: "Insert into notebook" });

test("a dataset already on the mounted RSE: says so, no Stage, and Insert gives its local paths without staging", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const there = await freshJdoeDataset("e2e-local-there", 2);
  await onMountRse(there);
  const stagingRequests = countStagingRequests(page);
  const frame = await panelOn(page, request, new URL(baseURL!).origin, there);

  const note = frame.getByTestId("local-data");
  await expect(note).toHaveText(new RegExp(`^Already on ${DESTINATION}: 2 files, .*no staging needed\\.$`), {
    timeout: 30_000,
  });
  await expect(frame.getByRole("button", { name: /^Stage/ })).toHaveCount(0);

  await insertButton(frame).focus();
  await page.keyboard.press("Enter");
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { inserted: unknown[] }).inserted), { timeout: 15_000 })
    .toHaveLength(1);
  const [inserted] = await page.evaluate(
    () => (window as unknown as { inserted: { name: string; mode?: string; localPaths?: string[] }[] }).inserted,
  );
  expect(inserted).toMatchObject({ name: there.name, mode: "rule" });
  expect(inserted!.localPaths).toHaveLength(2);
  for (const file of there.files)
    expect(inserted!.localPaths!.some((path) => path.endsWith(`/${file.name}`))).toBe(true);
  expect(stagingRequests()).toBe(0);
});

test("a dataset not on the mounted RSE: no claim, Stage offered, Insert carries no paths", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const elsewhere = await freshJdoeDataset("e2e-local-elsewhere", 1);
  const frame = await panelOn(page, request, new URL(baseURL!).origin, elsewhere);
  await expect(frame.getByRole("button", { name: "Stage", exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(frame.getByTestId("local-data")).toHaveCount(0);
  await insertButton(frame).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { inserted: unknown[] }).inserted), { timeout: 15_000 })
    .toHaveLength(1);
  const [inserted] = await page.evaluate(
    () => (window as unknown as { inserted: { localPaths?: string[] }[] }).inserted,
  );
  expect(inserted!.localPaths).toBeUndefined();
});
