import type { APIRequestContext, Frame, Page } from "@playwright/test";
import { JUPYTER_TOKEN, JUPYTER_URL, PORTAL_ORIGIN } from "./env";
import { LOCAL_RUCIO_URL, rucioToken } from "../../testing/local-rucio";

const auth = { Authorization: `token ${JUPYTER_TOKEN}` };

export interface RucioFile {
  name: string;
  bytes: number;
  adler32: string;
}

/** The files of a DID as the real Rucio lists them (signed in as jdoe), sorted by name. */
export async function rucioFiles(request: APIRequestContext, scope: string, name: string): Promise<RucioFile[]> {
  const token = await rucioToken("jdoe");
  const response = await request.get(`${LOCAL_RUCIO_URL}/dids/${scope}/${encodeURIComponent(name)}/files`, {
    headers: { "X-Rucio-Auth-Token": token },
  });
  const lines = (await response.text()).split("\n").filter(Boolean);
  return lines.map((line) => JSON.parse(line) as RucioFile).sort((a, b) => a.name.localeCompare(b.name));
}

/** Rucio's adler32: 8 lowercase hex digits. */
export function adler32(data: Buffer): string {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return (((b << 16) | a) >>> 0).toString(16).padStart(8, "0");
}

export async function createNotebook(
  request: APIRequestContext,
  path: string,
  metadata: Record<string, unknown> = {},
): Promise<void> {
  const content = {
    cells: [{ cell_type: "code", source: "print('analysis')", metadata: {}, outputs: [], execution_count: null }],
    metadata: { kernelspec: { name: "python3", display_name: "Python 3", language: "python" }, ...metadata },
    nbformat: 4,
    nbformat_minor: 5,
  };
  const response = await request.put(`${JUPYTER_URL}/api/contents/${path}`, {
    headers: auth,
    data: { type: "notebook", format: "json", content },
  });
  if (!response.ok()) throw new Error(`creating ${path}: HTTP ${response.status()}`);
}

export interface SavedNotebook {
  cells: { cell_type: string; source: string; execution_count: number | null; outputs: unknown[] }[];
  metadata: Record<string, unknown>;
}

/** The notebook as saved on disk; null while the server cannot read it (e.g. in the middle of a save). */
export async function readNotebook(request: APIRequestContext, path: string): Promise<SavedNotebook | null> {
  const response = await request.get(`${JUPYTER_URL}/api/contents/${path}?content=1`, { headers: auth });
  return response.ok() ? ((await response.json()).content as SavedNotebook) : null;
}

/** Opens JupyterLab (signed in with the token), on a document when given. */
export async function openLab(page: Page, path = ""): Promise<void> {
  await page.goto(`${JUPYTER_URL}/lab${path ? `/tree/${path}` : ""}?token=${JUPYTER_TOKEN}`);
  await page.locator("#jp-main-dock-panel").waitFor();
  await page.locator("#jupyterlab-splash").waitFor({ state: "detached" });
  if (path) {
    await page.locator(".jp-Notebook .jp-Cell").first().waitFor();
  }
}

/**
 * Runs a command from the command palette (Ctrl+Shift+C), as a user would. Retried: right after
 * start-up a plugin may not have added its command to the palette yet, and the palette re-renders.
 */
export async function runCommand(page: Page, label: string): Promise<void> {
  const input = page.locator("#command-palette input");
  const item = page.locator("#command-palette .lm-CommandPalette-item", { hasText: label }).first();
  for (let attempt = 0; attempt < 10; attempt++) {
    if (!(await input.isVisible())) {
      // A shortcut only reaches JupyterLab when the focus is not inside the portal's iframe.
      await page.evaluate(() => {
        if (document.activeElement instanceof HTMLIFrameElement) document.activeElement.blur();
      });
      await page.keyboard.press("Control+Shift+C");
      await input.waitFor({ timeout: 2000 }).catch(() => undefined);
    }
    // The palette closes when JupyterLab moves the focus (e.g. while restoring its layout): retry then.
    const filled = await input.fill(label, { timeout: 2000 }).then(
      () => true,
      () => false,
    );
    // It also re-renders while plugins still register commands; a click may hit a detached item.
    if (
      filled &&
      (await item.click({ timeout: 3000 }).then(
        () => true,
        () => false,
      ))
    ) {
      return;
    }
    if (await input.isVisible()) {
      await page.keyboard.press("Escape");
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`the command palette never offered "${label}"`);
}

/** Opens the panel the way the View menu offers it. */
export async function openPanelFromViewMenu(page: Page): Promise<void> {
  await page.locator(".lm-MenuBar-itemLabel", { hasText: /^View$/ }).click();
  await page.locator(".lm-Menu-itemLabel", { hasText: "Open Rucio Catalog" }).click();
}

/** What the fake portal page exposes to the tests (see fake-portal.ts). */
export type FakePortalWindow = Window & {
  hostOrigin: string | null;
  received: { origin: string; data: Record<string, unknown> }[];
  sendToHost(message: unknown): void;
  nestedSender(origin: string, message: unknown): void;
};

/** The fake portal's document inside the panel, once it has answered JupyterLab's hello. */
export async function portalFrame(page: Page): Promise<Frame> {
  // Attached is enough: a panel in a background tab still runs the portal and the bridge.
  await page.locator("#rucio-catalog-panel iframe").waitFor({ state: "attached" });
  let frame: Frame | undefined;
  for (let attempt = 0; attempt < 100 && !frame; attempt++) {
    frame = page.frames().find((f) => f.url().startsWith(PORTAL_ORIGIN));
    if (!frame) await page.waitForTimeout(100);
  }
  if (!frame) throw new Error("the panel never loaded the portal");
  await frame.waitForFunction(() => (window as unknown as FakePortalWindow).hostOrigin !== null);
  return frame;
}

/** Messages the fake portal received from JupyterLab. */
export function receivedByPortal(frame: Frame): Promise<{ origin: string; data: Record<string, unknown> }[]> {
  return frame.evaluate(() => (window as unknown as FakePortalWindow).received);
}
