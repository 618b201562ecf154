import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_ROUTES, ROUTES_ELSEWHERE, RouteHarness, routeFilesOnDisk, type Answer } from "./_testing/route-harness";
import { ApiSuite, createDownload } from "./_testing/api-suite";
import { HOSTILE_REQUESTS, HOSTILE_SIGN_INS, HOSTILE_QUERIES, DEMO } from "./hostile-inputs.fixture";
import { sessionCookie } from "../../../testing/sign-in";

// Hostile input against every API route, the query parser and the sign-in form, on a scratch catalog
// database and the real local Rucio: no answer >= 500, every refusal a clear { error: { message } },
// and nothing acted on (no staging request, event, rule, sign-in or catalog row changed).

const suite = new ApiSuite("hostile_input", 300, async () => ({
  query: await import("@/lib/catalog/query"),
  authOptions: (await import("@/server/auth")).getAuthOptions,
}));
let modules: Awaited<ReturnType<typeof suite.open>>;
const harness = new RouteHarness();
let jdoeCookie: string;
let download: { id: string; token: string };

async function snapshot() {
  const { db } = modules;
  const dids = await db.did.aggregate({ _count: true, _max: { indexedAt: true, lastSeenAt: true, id: true } });
  const stagings = await db.stagingRequest.findMany({
    select: {
      id: true,
      state: true,
      filesDone: true,
      bytesDone: true,
      filesTotal: true,
      bytesTotal: true,
      updatedAt: true,
    },
  });
  return {
    dids,
    stagings: JSON.stringify(stagings, (_, value) => (typeof value === "bigint" ? String(value) : value)),
    events: await db.stagingEvent.count(),
    signIns: await db.rucioCredential.count(),
    users: await db.user.count(),
    instances: await db.rucioInstance.count(),
    watches: await db.watch.count(),
  };
}
let before: Awaited<ReturnType<typeof snapshot>>;
async function demoRules(): Promise<number> {
  let count = 0;
  for await (const _rule of modules.rucio.listDidRules(modules.rucio.serviceCaller(), DEMO.scope, DEMO.name)) count++;
  return count;
}
let rulesBefore: number;

beforeAll(async () => {
  modules = await suite.open();
  jdoeCookie = await sessionCookie(await modules.signInAs("jdoe"), suite.secret);
  // A download-mode request of jdoe's (no rule in Rucio), for the progress route.
  download = await createDownload(harness, jdoeCookie, "rucio-data/hostile");
  before = await snapshot();
  rulesBefore = await demoRules();
}, 120_000);

afterAll(() => suite.close());

/** A refusal a user can read: a sentence, no stack trace, no database or driver internals. */
function expectClearRefusal(answer: Answer) {
  const message = (answer.json?.error as { message?: unknown } | undefined)?.message;
  expect(typeof message, answer.text.slice(0, 300)).toBe("string");
  const text = message as string;
  expect(text.length).toBeGreaterThanOrEqual(8);
  expect(text.length).toBeLessThan(2000);
  expect(text).not.toMatch(/^\s+at |\n\s+at |\[object |undefined|prisma|sqlite|SQLITE_|TypeError|URIError|stack/i);
}

describe("every API route is in the hostile table", () => {
  it("covers each route.ts under portal/app/api", () => {
    const onDisk = routeFilesOnDisk();
    expect(onDisk.length).toBeGreaterThanOrEqual(Object.keys(API_ROUTES).length);
    for (const route of onDisk) {
      expect(route in API_ROUTES || ROUTES_ELSEWHERE.some((pattern) => pattern.test(route)), route).toBe(true);
    }
    const routeOf = (path: string) =>
      Object.keys(API_ROUTES).find((pattern) =>
        new RegExp(`^${pattern.replace(/\[\w+\]/g, "[^/]+")}$`).test(path.split("?")[0]!),
      );
    const hit = new Set(HOSTILE_REQUESTS.map((row) => routeOf(row.path.replace(":id", "x"))));
    expect([...Object.keys(API_ROUTES)].filter((route) => !hit.has(route))).toEqual([]);
    expect(HOSTILE_REQUESTS.length).toBeGreaterThanOrEqual(60);
  });
});

describe("hostile requests", () => {
  it.each(HOSTILE_REQUESTS.map((row) => [row.label, row] as const))("%s", async (_label, row) => {
    const path = row.path.replace(":id", download.id);
    const headers: Record<string, string> = { ...row.headers };
    if (row.as === "executor") headers.authorization = `Bearer ${download.token}`;
    const answer = await harness.call(row.method ?? "GET", path, {
      cookie: row.as === "jdoe" ? jdoeCookie : undefined,
      headers,
      body: row.body,
    });
    expect(answer.status, answer.text.slice(0, 500)).toBeLessThan(500);
    if (row.status !== undefined) expect([row.status].flat(), answer.text.slice(0, 500)).toContain(answer.status);
    if (answer.status >= 400) expectClearRefusal(answer);
    if (row.found === "nothing") expect(answer.json?.items ?? answer.json?.stagings).toEqual([]);
    expect(await snapshot()).toEqual(before);
    if (row.method === "POST") expect(await demoRules()).toBe(rulesBefore);
  });
});

describe("a forged search cursor", () => {
  it("with a NUL in its key is refused like any malformed cursor", async () => {
    const page = await harness.call("GET", "/api/search?sort=name&limit=1");
    const cursor = JSON.parse(Buffer.from(String(page.json!.nextCursor), "base64url").toString("utf8")) as {
      k: unknown[];
    };
    cursor.k = cursor.k.map((key) => (typeof key === "string" ? `${key}\u0000` : key));
    const forged = await harness.call(
      "GET",
      `/api/search?sort=name&limit=1&cursor=${Buffer.from(JSON.stringify(cursor)).toString("base64url")}`,
    );
    expect(forged.status, forged.text).toBe(400);
    expectClearRefusal(forged);
  });
});

describe("hostile sign-in forms (the credentials provider next-auth calls)", () => {
  const authorize = () => {
    // next-auth keeps the configured provider (id, authorize) under `options` until it merges them.
    const providers = modules.authOptions().providers as unknown as {
      options?: { id?: string; authorize: (credentials: unknown, request: unknown) => Promise<unknown> };
    }[];
    const provider = providers.find((candidate) => candidate.options?.id === "rucio-userpass")!;
    return provider.options!.authorize;
  };

  it.each(HOSTILE_SIGN_INS.map((row) => [row.label, row] as const))("%s", async (_label, row) => {
    const request = {
      headers: { "x-forwarded-for": "198.51.100.7" },
      method: "POST",
      body: row.credentials,
      query: {},
    };
    const refusal = await authorize()(row.credentials, request).then(
      () => new Error("signed in"),
      (error: unknown) => error,
    );
    // next-auth shows the message in the sign-in form: a plain Error with a sentence, never a TypeError.
    expect(refusal).toBeInstanceOf(Error);
    expect((refusal as Error).constructor).toBe(Error);
    expect((refusal as Error).message).toMatch(row.message);
    expect((refusal as Error).message.length).toBeLessThan(500);
    expect(await snapshot()).toEqual(before);
  });
});

describe("the query parser", () => {
  it.each(HOSTILE_QUERIES.map((q) => [JSON.stringify(q).slice(0, 60), q] as const))(
    "reads or refuses %s",
    (_label, q) => {
      const { parseQuery, QuerySyntaxError } = modules.query;
      let outcome: unknown;
      try {
        outcome = parseQuery(q);
      } catch (error) {
        outcome = error;
      }
      if (outcome instanceof Error) {
        expect(outcome).toBeInstanceOf(QuerySyntaxError);
        const { position, length } = outcome as InstanceType<typeof QuerySyntaxError>;
        expect(position).toBeGreaterThanOrEqual(0);
        expect(position + length).toBeLessThanOrEqual(Math.max(q.length, position + 1));
      } else {
        expect((outcome as { terms: unknown[] }).terms.length).toBeLessThanOrEqual(modules.query.MAX_TERMS);
      }
    },
  );
});

describe("after it all", () => {
  it("the download request is as it was, and its token still works", async () => {
    const report = await harness.call("PATCH", `/api/stagings/${download.id}/progress`, {
      headers: { authorization: `Bearer ${download.token}` },
      body: { state: "pending", filesDone: 0, bytesDone: 0 },
    });
    expect(report.status, report.text).toBe(200);
    expect(report.json!.staging).toMatchObject({ state: "QUEUED", filesDone: 0, bytesDone: 0 });
  });

  it("nothing the routes answered was a 5xx, and every route was called", () => {
    expect(harness.answers.filter((answer) => answer.status >= 500)).toEqual([]);
    expect(harness.answers.length).toBeGreaterThan(HOSTILE_REQUESTS.length);
  });
});
