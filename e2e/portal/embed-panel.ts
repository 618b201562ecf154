import { createHash, randomBytes } from "node:crypto";
import { portalPath } from "./portal-test";
import { createServer, type Server } from "node:http";
import { expect, type APIRequestContext, type Frame, type Page } from "@playwright/test";
import { rucioToken } from "../../testing/local-rucio";

// What the tests need to act as JupyterLab's panel around the portal: a Jupyter server's request for an
// embed sign-in code (a real Rucio token, the hash of a nonce) and a host page that frames /embed/start
// and speaks the protocol's side of the panel (hello; the nonce to its own frame, when asked).

// The JupyterLab e2e's port, free while the portal's specs hold the e2e lock, and one the test portal lets
// frame it (scripts/e2e.sh, PORTAL_FRAME_ANCESTORS). A real server rather than page.route: Chromium treats
// a fulfilled response as a public page, which may not frame a server on the loopback address.
const PANEL_PORT = Number(process.env.E2E_JUPYTER_PORT ?? 8899);
export const PANEL_HOST = `http://127.0.0.1:${PANEL_PORT}`;

export interface MintedCode {
  startPath: string;
  code: string;
  /** The nonce the panel that asked for the code keeps. */
  nonce: string;
}

export const newNonce = () => randomBytes(32).toString("base64url");

/** POST /api/embed/sign-ins as a Jupyter server does, for `username`'s Rucio token. */
export async function mintEmbedCode(
  request: APIRequestContext,
  username: string,
  password: string,
  next?: string,
): Promise<MintedCode> {
  const nonce = newNonce();
  const frameNonceHash = createHash("sha256").update(nonce).digest("base64url");
  const issued = await request.post("/api/embed/sign-ins", {
    data: { rucioToken: await rucioToken(username, password), frameNonceHash, ...(next ? { next } : {}) },
  });
  expect(issued.status(), await issued.text()).toBe(201);
  const { startPath, code } = (await issued.json()) as { startPath: string; code: string };
  return { startPath, code, nonce };
}

/** What the host announces in hello beyond the defaults (a JupyterLab session's capabilities and staging mode). */
export interface PanelHello {
  capabilities?: string[];
  session?: { mode: "rule" | "download"; instance: string | null; destinationRse: string | null };
}

function panelHostPage(portalOrigin: string, startPath: string, nonce: string, hello: PanelHello = {}): string {
  const config = JSON.stringify({
    portal: portalOrigin,
    src: `${portalOrigin}${portalPath(startPath)}`,
    nonce,
    capabilities: ["sign-in-nonce", "watch-news", ...(hello.capabilities ?? [])],
    session: hello.session,
  });
  return `<!doctype html><html><head><title>Panel host</title></head><body>
<iframe id="portal" title="Rucio Catalog portal" style="width:1000px;height:700px"></iframe>
<script>
const config = ${config};
const frame = document.getElementById("portal");
const say = (body) => frame.contentWindow.postMessage({ protocol: "rucio-catalog", version: "1.3", ...body }, config.portal);
let generation = 0;
let ready = false;
window.nonceRequests = 0;
window.watchNews = [];
window.inserted = [];
window.addEventListener("message", (event) => {
  if (event.source !== frame.contentWindow || event.origin !== config.portal) return;
  if (event.data && event.data.type === "ready") ready = true;
  if (ready && event.data && event.data.type === "sign-in-nonce-request") {
    window.nonceRequests += 1;
    say({ type: "sign-in-nonce", nonce: config.nonce });
  }
  if (ready && event.data && event.data.type === "watch-news") window.watchNews.push(event.data.newCount);
  if (ready && event.data && event.data.type === "insert-datasets") window.inserted.push(...event.data.datasets);
});
frame.addEventListener("load", () => {
  const mine = ++generation;
  ready = false;
  const hello = () => {
    if (ready || mine !== generation) return;
    say({ type: "hello", capabilities: config.capabilities, theme: "light", ...(config.session ? { session: config.session } : {}) });
    setTimeout(hello, 300);
  };
  hello();
});
frame.src = config.src;
</script></body></html>`;
}

const hostPages = new Map<string, string>();
let panelServer: Promise<Server> | undefined;

/** Serves the host pages for this worker's lifetime (unref'd: it never keeps the worker alive). */
function servePanelHost(): Promise<Server> {
  panelServer ??= new Promise((resolve, reject) => {
    const server = createServer((request, response) => {
      const html = hostPages.get(request.url ?? "");
      response.writeHead(html ? 200 : 404, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      response.end(html ?? "not found");
    });
    server.once("error", (error) =>
      reject(new Error(`cannot serve the panel host on ${PANEL_HOST}: ${error.message}`)),
    );
    server.listen(PANEL_PORT, "127.0.0.1", () => resolve(server.unref()));
  });
  return panelServer;
}

/**
 * Opens a page at PANEL_HOST that frames `startPath` and hands the frame `nonce` when it asks, as the
 * extension's panel does (it records the portal's watch-news counts in window.watchNews and the datasets
 * it is asked to insert in window.inserted). Returns the portal's frame.
 */
export async function openInPanel(
  page: Page,
  portalOrigin: string,
  startPath: string,
  nonce: string,
  hello: PanelHello = {},
): Promise<Frame> {
  await servePanelHost();
  const path = `/panel/${randomBytes(8).toString("hex")}`;
  hostPages.set(path, panelHostPage(portalOrigin, startPath, nonce, hello));
  // A page route wins over the context's: a test that aborts every request off the portal still gets its panel.
  await page.route(`${PANEL_HOST}/panel/**`, (route) => route.continue());
  await page.goto(`${PANEL_HOST}${path}`);
  const handle = await page.locator("#portal").elementHandle();
  const frame = await handle!.contentFrame();
  return frame!;
}
