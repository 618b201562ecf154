import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { NextRequest } from "next/server";

/**
 * The portal's API route handlers called in this process, routed the way Next.js routes them: the
 * path's segments matched against the app folder's patterns, dynamic segments percent-decoded, a
 * method the module does not export answered with 405, an exception with 500. Every answer is kept
 * (status, headers, body) so a test can search all of them. Load it after the environment
 * (DATABASE_URL, NEXTAUTH_SECRET, RUCIO_*) is set: the route modules read it when imported.
 */
type Handler = (
  request: NextRequest,
  context: { params: Promise<Record<string, string>> },
) => Response | Promise<Response>;
type RouteModule = Partial<Record<string, Handler>>;

export const API_ROUTES: Record<string, () => Promise<unknown>> = {
  "/api/search": () => import("../search/route"),
  "/api/health": () => import("../health/route"),
  "/api/instances": () => import("../instances/route"),
  "/api/datasets/[scope]/[name]": () => import("../datasets/[scope]/[name]/route"),
  "/api/datasets/[scope]/[name]/files": () => import("../datasets/[scope]/[name]/files/route"),
  "/api/datasets/[scope]/[name]/contents": () => import("../datasets/[scope]/[name]/contents/route"),
  "/api/datasets/[scope]/[name]/replicas": () => import("../datasets/[scope]/[name]/replicas/route"),
  "/api/datasets/[scope]/[name]/file-sizes": () => import("../datasets/[scope]/[name]/file-sizes/route"),
  "/api/datasets/[scope]/[name]/rules": () => import("../datasets/[scope]/[name]/rules/route"),
  "/api/datasets/[scope]/[name]/plan": () => import("../datasets/[scope]/[name]/plan/route"),
  "/api/datasets/[scope]/[name]/local-files": () => import("../datasets/[scope]/[name]/local-files/route"),
  "/api/stagings": () => import("../stagings/route"),
  "/api/stagings/[id]": () => import("../stagings/[id]/route"),
  "/api/stagings/[id]/files": () => import("../stagings/[id]/files/route"),
  "/api/stagings/[id]/progress": () => import("../stagings/[id]/progress/route"),
  "/api/watches": () => import("../watches/route"),
  "/api/watches/summary": () => import("../watches/summary/route"),
  "/api/watches/[id]": () => import("../watches/[id]/route"),
  "/api/watches/[id]/feed": () => import("../watches/[id]/feed/route"),
};

/**
 * Routes this harness cannot call: next-auth's handler needs Next.js's request context (its inputs are
 * tested through authorize() and over HTTP); the embed sign-in routes have their own tests.
 */
export const ROUTES_ELSEWHERE = [/^\/api\/auth\//, /^\/api\/embed\//];

const API_FOLDER = fileURLToPath(new URL("..", import.meta.url));

/** Every route.ts under portal/app/api, as its URL pattern. */
export function routeFilesOnDisk(folder = API_FOLDER): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("_") ? [] : routeFilesOnDisk(path);
    if (entry.name !== "route.ts") return [];
    return [`/api/${relative(API_FOLDER, folder).split(sep).join("/")}`.replace(/\/$/, "")];
  });
}

export interface Answer {
  method: string;
  path: string;
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body; undefined when the body is not JSON. */
  json: Record<string, unknown> | undefined;
}

export interface CallOptions {
  cookie?: string;
  headers?: Record<string, string>;
  /** A string is sent as it is (with `Content-Type: application/json` unless headers say otherwise). */
  body?: unknown;
}

function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split("/");
  const have = path.split("/");
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const dynamic = /^\[(\w+)\]$/.exec(want[i]!);
    if (dynamic) {
      if (!have[i]) return undefined;
      params[dynamic[1]!] = decodeURIComponent(have[i]!);
    } else if (want[i] !== have[i]) return undefined;
  }
  return params;
}

export class RouteHarness {
  readonly answers: Answer[] = [];

  constructor(private readonly origin = "http://127.0.0.1:3000") {}

  async call(method: string, pathAndQuery: string, options: CallOptions = {}): Promise<Answer> {
    const url = new URL(pathAndQuery, this.origin);
    const headers = new Headers(options.headers);
    if (options.cookie) headers.set("cookie", options.cookie);
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
    const request = new NextRequest(url, { method, headers, body });
    const response = await this.dispatch(method, url.pathname, request);
    const text = await response.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      json = undefined;
    }
    const answer = { method, path: pathAndQuery, status: response.status, headers: response.headers, text, json };
    this.answers.push(answer);
    return answer;
  }

  private async dispatch(method: string, pathname: string, request: NextRequest): Promise<Response> {
    for (const [pattern, load] of Object.entries(API_ROUTES)) {
      let params: Record<string, string> | undefined;
      try {
        params = match(pattern, pathname);
      } catch {
        return new Response("Bad Request", { status: 400 }); // Next.js: malformed percent-encoding in a segment
      }
      if (!params) continue;
      const handler = ((await load()) as RouteModule)[method];
      if (!handler) return new Response(null, { status: 405 });
      try {
        return await handler(request, { params: Promise.resolve(params) });
      } catch (error) {
        return new Response(`unhandled: ${error instanceof Error ? error.stack : String(error)}`, { status: 500 });
      }
    }
    return new Response("not found", { status: 404 });
  }
}
