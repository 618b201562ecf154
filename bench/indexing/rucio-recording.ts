// Recording the Rucio answers an indexing run needs, and replaying them from a local HTTP server that
// speaks the same endpoints, so the indexer can be measured without Rucio's own cost.
//
// The recorder is a transparent proxy in front of a real Rucio: the indexer runs through it once and every
// NDJSON line Rucio sent is kept as sent, per scope: the collection listing, the bulk metadata lines and the
// bulk file lines. The replay server answers a listing with the recorded one, and bulk requests with the
// recorded lines of exactly the DIDs asked for, in any batching.
import { createWriteStream, existsSync, mkdirSync, readFileSync, type WriteStream } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

const STREAM = { "Content-Type": "application/x-json-stream" };
const FILES = { search: "search.ndjson", meta: "bulkmeta.ndjson", files: "bulkfiles.ndjson" } as const;

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf-8");
}

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const closer = (server: Server) => () =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/** Forwards everything to `target` and appends the streamed answers of the indexer's three calls to `dir/<scope>/`. */
export async function startRecordingProxy(target: string, dir: string): Promise<RunningServer> {
  const sinks = new Map<string, WriteStream>();
  const sink = (scope: string, file: string) => {
    const key = `${scope}/${file}`;
    let stream = sinks.get(key);
    if (!stream) {
      mkdirSync(join(dir, scope), { recursive: true });
      stream = createWriteStream(join(dir, scope, file), { flags: "w" });
      sinks.set(key, stream);
    }
    return stream;
  };
  const server = createServer(async (request, response) => {
    const payload = await body(request);
    const url = new URL(request.url ?? "/", target);
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !["host", "content-length", "connection"].includes(name)),
    ) as Record<string, string>;
    const answer = await fetch(url, { method: request.method, headers, body: payload || undefined });
    const text = await answer.text();
    const forwarded = [...answer.headers.entries()].filter(
      ([name]) => !["content-length", "content-encoding", "transfer-encoding", "connection"].includes(name),
    );
    response.writeHead(answer.status, Object.fromEntries(forwarded));
    response.end(text);
    if (!answer.ok) return;
    const search = /^\/dids\/([^/]+)\/dids\/search$/.exec(url.pathname);
    if (search?.[1]) sink(decodeURIComponent(search[1]), FILES.search).write(text);
    const bulk =
      url.pathname === "/dids/bulkmeta" ? FILES.meta : url.pathname === "/dids/bulkfiles" ? FILES.files : null;
    if (!bulk) return;
    const scope = (JSON.parse(payload) as { dids: { scope: string }[] }).dids[0]?.scope;
    if (scope) sink(scope, bulk).write(text);
  });
  const url = await listen(server);
  return {
    url,
    close: async () => {
      await closer(server)();
      await Promise.all([...sinks.values()].map((stream) => new Promise((resolve) => stream.end(resolve))));
    },
  };
}

interface ScopeRecording {
  listing: string;
  metaByName: Map<string, string>;
  filesByParent: Map<string, string[]>;
}

const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");

function loadScope(dir: string): ScopeRecording {
  const read = (file: string) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), "utf-8") : "");
  const metaByName = new Map<string, string>();
  for (const line of lines(read(FILES.meta))) metaByName.set((JSON.parse(line) as { name: string }).name, line);
  const filesByParent = new Map<string, string[]>();
  for (const line of lines(read(FILES.files))) {
    const parent = (JSON.parse(line) as { parent_name: string }).parent_name;
    filesByParent.set(parent, [...(filesByParent.get(parent) ?? []), line]);
  }
  return { listing: read(FILES.search), metaByName, filesByParent };
}

export function recordedDidCount(dir: string, scope: string): number {
  return loadScope(join(dir, scope)).metaByName.size;
}

/** The part of a recorded listing a replay serves: all of it, or its first or second half (an incremental run's). */
export type ListingPart = "all" | "first-half" | "second-half";

function partOf(listing: string, part: ListingPart): string {
  if (part === "all") return listing;
  const names = lines(listing);
  const half = Math.ceil(names.length / 2);
  const kept = part === "first-half" ? names.slice(0, half) : names.slice(half);
  return kept.length ? `${kept.join("\n")}\n` : "";
}

/** Where a benchmark phase tells the replay which part of the listing to serve from now on (POST, body: the part). */
export const LISTING_PART_PATH = "/_bench/listing-part";

/**
 * Serves recorded scopes like Rucio: userpass auth, scope list, listing (whole, or the part last posted to
 * LISTING_PART_PATH, whatever the filters asked), bulk metadata, bulk files.
 */
export async function startReplayServer(dir: string, scopes: string[]): Promise<RunningServer> {
  const recordings = new Map(scopes.map((scope) => [scope, loadScope(join(dir, scope))]));
  let part: ListingPart = "all";
  const bulk = (payload: string, pick: (recording: ScopeRecording, name: string) => string | string[] | undefined) => {
    const out: string[] = [];
    for (const { scope, name } of (JSON.parse(payload) as { dids: { scope: string; name: string }[] }).dids) {
      const recording = recordings.get(scope);
      const found = recording ? pick(recording, name) : undefined;
      if (Array.isArray(found)) out.push(...found);
      else if (found) out.push(found);
    }
    return out.length ? `${out.join("\n")}\n` : "";
  };
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://replay");
    const payload = await body(request);
    const search = /^\/dids\/([^/]+)\/dids\/search$/.exec(url.pathname);
    if (url.pathname === LISTING_PART_PATH) {
      part = payload as ListingPart;
      response.writeHead(204);
      response.end();
    } else if (url.pathname === "/auth/userpass") {
      const expires = new Date(Date.now() + 3_600_000).toUTCString().replace("GMT", "UTC");
      response.writeHead(200, { "X-Rucio-Auth-Token": "replay-token", "X-Rucio-Auth-Token-Expires": expires });
      response.end();
    } else if (url.pathname === "/scopes/") {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end(JSON.stringify(scopes));
    } else if (search?.[1]) {
      response.writeHead(200, STREAM);
      response.end(partOf(recordings.get(decodeURIComponent(search[1]))?.listing ?? "", part));
    } else if (url.pathname === "/dids/bulkmeta") {
      response.writeHead(200, STREAM);
      response.end(bulk(payload, (recording, name) => recording.metaByName.get(name)));
    } else if (url.pathname === "/dids/bulkfiles") {
      response.writeHead(200, STREAM);
      response.end(bulk(payload, (recording, name) => recording.filesByParent.get(name)));
    } else {
      response.writeHead(404, {
        ExceptionClass: "MethodNotAllowed",
        ExceptionMessage: `not recorded: ${url.pathname}`,
      });
      response.end();
    }
  });
  return { url: await listen(server), close: closer(server) };
}
