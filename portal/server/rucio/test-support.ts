import "server-only";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { vi } from "vitest";
import { formatRucioDate } from "./json";

// Test support for the gateway's unit tests: a tiny HTTP server that answers like Rucio with recorded
// responses, and a loader that points a fresh copy of the gateway at it.

export interface StubRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface StubResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as is; an array is sent chunk by chunk with `chunkDelayMs` between chunks. */
  body?: string | Buffer | (string | Buffer)[];
  chunkDelayMs?: number;
  /** Wait before sending the status line. */
  delayMs?: number;
  /** Drop the connection instead of answering. */
  destroy?: boolean;
}

export type StubHandler = (request: StubRequest) => StubResponse;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Rucio's error response: JSON body and the same two fields as headers. */
export function rucioError(status: number, exceptionClass: string, message: string): StubResponse {
  return {
    status,
    headers: { "Content-Type": "application/octet-stream", ExceptionClass: exceptionClass, ExceptionMessage: message },
    body: JSON.stringify({ ExceptionClass: exceptionClass, ExceptionMessage: message }),
  };
}

export function jsonResponse(value: unknown): StubResponse {
  return { headers: { "Content-Type": "application/json" }, body: JSON.stringify(value) };
}

export function streamResponse(records: unknown[]): StubResponse {
  return {
    headers: { "Content-Type": "application/x-json-stream" },
    body: records.map((record) => `${JSON.stringify(record)}\n`).join(""),
  };
}

export interface StubRucio {
  url: string;
  requests: StubRequest[];
  /** Requests other than /auth/userpass. */
  apiRequests(): StubRequest[];
  setHandler(handler: StubHandler): void;
  close(): Promise<void>;
}

async function respond(res: ServerResponse, answer: StubResponse) {
  if (answer.delayMs) await sleep(answer.delayMs);
  if (answer.destroy) {
    res.socket?.destroy();
    return;
  }
  res.writeHead(answer.status ?? 200, answer.headers ?? {});
  const chunks = Array.isArray(answer.body) ? answer.body : answer.body === undefined ? [] : [answer.body];
  for (const [index, chunk] of chunks.entries()) {
    if (index > 0 && answer.chunkDelayMs) await sleep(answer.chunkDelayMs);
    if (res.destroyed) return;
    res.write(chunk);
  }
  res.end();
}

export async function startStubRucio(): Promise<StubRucio> {
  let handler: StubHandler = () => ({ status: 500, body: "no handler" });
  const requests: StubRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://stub");
      const request: StubRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf-8"),
      };
      requests.push(request);
      respond(res, handler(request)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    apiRequests: () => requests.filter((request) => request.path !== "/auth/userpass"),
    setHandler: (next) => {
      handler = next;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Loads a fresh copy of the gateway configured for one instance "stub" at `url` (short timeout, fast retries). */
export async function loadGateway(url: string, options: { timeoutMs?: number; retries?: number } = {}) {
  vi.stubEnv(
    "RUCIO_INSTANCES",
    JSON.stringify([
      {
        name: "stub",
        url,
        timeoutMs: options.timeoutMs ?? 400,
        username: "svc",
        password: "svc-secret",
        account: "svc",
      },
    ]),
  );
  vi.stubEnv("RUCIO_RETRIES", String(options.retries ?? 2));
  vi.stubEnv("RUCIO_RETRY_BASE_MS", "1");
  vi.resetModules();
  return import("./index");
}

/** Answers /auth/userpass like Rucio for the given passwords, issuing tok-1, tok-2, ... */
export function userpassAuth(passwords: Record<string, string>, lifetimeMs = 3_600_000) {
  let issued = 0;
  return (request: StubRequest): StubResponse => {
    const username = String(request.headers["x-rucio-username"]);
    if (passwords[username] !== request.headers["x-rucio-password"]) {
      return rucioError(401, "CannotAuthenticate", `Cannot authenticate to account ${username} with given credentials`);
    }
    issued += 1;
    return {
      headers: {
        "Content-Type": "application/octet-stream",
        "X-Rucio-Auth-Account": String(request.headers["x-rucio-account"] ?? username),
        "X-Rucio-Auth-Token": `tok-${issued}`,
        "X-Rucio-Auth-Token-Expires": formatRucioDate(new Date(Date.now() + lifetimeMs)),
      },
      body: "",
    };
  };
}
