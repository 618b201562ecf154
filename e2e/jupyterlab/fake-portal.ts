import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/**
 * Stands in for the portal in the JupyterLab tests: a page that does the portal's side of the bridge
 * (answers hello with ready, turns request-stage into stage messages like the portal's Stage button)
 * and the staging API's progress endpoint (PATCH with the per-request bearer token). A second server
 * on another port is the "wrong origin".
 */
export interface ProgressReport {
  requestId: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

export interface FakePortal {
  origin: string;
  otherOrigin: string;
  close(): Promise<void>;
}

const PORTAL_PAGE = `<!doctype html>
<html><head><title>Fake Rucio Catalog portal</title></head>
<body><h1>Fake portal</h1>
<script>
  const PROTOCOL = { protocol: "rucio-catalog", version: "1.1" };
  window.received = [];
  window.hostOrigin = null;
  window.sendToHost = (message) => window.parent.postMessage(message, window.hostOrigin);
  window.addEventListener("message", async (event) => {
    if (event.source !== window.parent) return;
    window.received.push({ origin: event.origin, data: event.data });
    const message = event.data || {};
    if (message.type === "hello") {
      window.hostOrigin = event.origin;
      window.sendToHost({ ...PROTOCOL, type: "ready", capabilities: ["insert-datasets", "stage-download", "request-stage"] });
    }
    if (message.type === "request-stage" && event.origin === window.hostOrigin) {
      for (const dataset of message.datasets) {
        const created = await (await fetch("/api/stagings", { method: "POST", body: JSON.stringify(dataset) })).json();
        window.sendToHost({ ...PROTOCOL, type: "stage", requestId: created.id, token: created.token,
          progressUrl: location.origin + "/api/stagings/" + created.id + "/progress", dataset });
      }
    }
  });
  // A frame inside the portal page (same origin or not) that posts to the JupyterLab window.
  window.nestedSender = (origin, message) => {
    const frame = document.createElement("iframe");
    frame.src = origin + "/sender?message=" + encodeURIComponent(JSON.stringify(message));
    document.body.append(frame);
  };
</script></body></html>`;

const SENDER_PAGE = `<!doctype html><html><body><script>
  const message = JSON.parse(new URLSearchParams(location.search).get("message"));
  window.top.postMessage(message, "*");
</script></body></html>`;

export const progressReports: ProgressReport[] = [];
const tokens = new Map<string, string>();

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(response: ServerResponse, status: number, body: string, type = "application/json"): void {
  response.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" });
  response.end(body);
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (request.method === "GET" && url.pathname === "/") return send(response, 200, PORTAL_PAGE, "text/html");
  if (request.method === "GET" && url.pathname === "/sender") return send(response, 200, SENDER_PAGE, "text/html");
  if (request.method === "POST" && url.pathname === "/api/stagings") {
    await readBody(request);
    const id = `req${randomBytes(6).toString("hex")}`;
    const token = randomBytes(24).toString("hex");
    tokens.set(id, token);
    return send(response, 201, JSON.stringify({ id, token }));
  }
  const progress = /^\/api\/stagings\/([A-Za-z0-9_-]+)\/progress$/.exec(url.pathname);
  if (request.method === "PATCH" && progress) {
    const requestId = progress[1] ?? "";
    const body = JSON.parse(await readBody(request)) as Record<string, unknown>;
    if (request.headers.authorization !== `Bearer ${tokens.get(requestId)}`) return send(response, 401, "{}");
    progressReports.push({ requestId, authorization: request.headers.authorization, body });
    return send(response, 204, "");
  }
  if (request.method === "GET" && url.pathname === "/__reports")
    return send(response, 200, JSON.stringify(progressReports));
  send(response, 404, "{}");
}

function listen(port: number): Promise<Server> {
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, JSON.stringify({ error: String(error) })));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

export async function startFakePortal(port: number, otherPort: number): Promise<FakePortal> {
  const servers = await Promise.all([listen(port), listen(otherPort)]);
  return {
    origin: `http://127.0.0.1:${port}`,
    otherOrigin: `http://127.0.0.1:${otherPort}`,
    close: () =>
      Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))).then(() => undefined),
  };
}
