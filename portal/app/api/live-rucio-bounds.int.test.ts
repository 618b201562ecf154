import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStubRucio, userpassAuth, type StubRucio } from "@/server/rucio/test-support";
import { DEMO } from "./hostile-inputs.fixture";
import { RouteHarness } from "./_testing/route-harness";
import { type ScratchDatabase, useScratchDatabase } from "../../../testing/scratch-database";

// What an anonymous client can make the portal ask of Rucio: listing cursors only as the API signed
// them, a budget per client for live reads, and a health probe that asks Rucio at most once per
// interval and names no internal address. A second instance "stub" stands for a Rucio that is down.

const REAL_RUCIO = process.env.RUCIO_URL ?? "http://127.0.0.1:8080";
const LIVE_BUDGET = 4;
let scratch: ScratchDatabase;
let stub: StubRucio;
let forgetRateLimits: () => void;
const harness = new RouteHarness();
const files = (name: string, query: string) => `/api/datasets/${DEMO.scope}/${encodeURIComponent(name)}/files${query}`;

beforeAll(async () => {
  stub = await startStubRucio();
  const auth = userpassAuth({ svc: "svc-secret" });
  stub.setHandler((request) =>
    request.path === "/auth/userpass" ? auth(request) : { status: 503, body: "maintenance" },
  );
  scratch = await useScratchDatabase("live-rucio-bounds");
  process.env.RUCIO_INSTANCES = JSON.stringify([
    { name: "default", url: REAL_RUCIO },
    { name: "stub", url: stub.url, timeoutMs: 400, username: "svc", password: "svc-secret", account: "svc" },
  ]);
  process.env.RUCIO_RETRIES = "0";
  process.env.RATE_LIMIT_LIVE_RUCIO_PER_MINUTE = String(LIVE_BUDGET);
  ({ forgetRateLimits } = await import("@/server/http/rate-limit"));
});

afterAll(async () => {
  await stub?.close();
  await scratch?.drop();
});

describe("listing cursors", () => {
  it("pages with the cursors it signed and refuses forged, foreign and old-style ones", async () => {
    forgetRateLimits();
    const first = await harness.call("GET", files(DEMO.name, "?limit=2"));
    expect(first.status, first.text).toBe(200);
    const cursor = String(first.json!.nextCursor);
    expect((await harness.call("GET", files(DEMO.name, `?limit=2&cursor=${cursor}`))).status).toBe(200);

    forgetRateLimits();
    const forged = cursor.replace(/^\d+\./, "999999.");
    const unsigned = Buffer.from("o:999999999").toString("base64url");
    const otherDataset = files(DEMO.name.replace("00348885", "00349011"), `?cursor=${cursor}`);
    for (const path of [files(DEMO.name, `?cursor=${forged}`), files(DEMO.name, `?cursor=${unsigned}`), otherDataset]) {
      const answer = await harness.call("GET", path);
      expect(answer.status, path).toBe(400);
      expect(answer.json).toEqual({ error: { message: "cursor is not one this API returned for this listing" } });
    }
  });
});

describe("live Rucio reads", () => {
  it("answer 429 with Retry-After once a client has spent its budget", async () => {
    forgetRateLimits();
    const statuses: number[] = [];
    for (let i = 0; i <= LIVE_BUDGET; i++)
      statuses.push((await harness.call("GET", `/api/datasets/${DEMO.scope}/${DEMO.name}/rules`)).status);
    expect(statuses).toEqual([...Array(LIVE_BUDGET).fill(200), 429]);
    const refused = harness.answers.at(-1)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(String((refused.json!.error as { message: string }).message)).toMatch(/try again in \d+ s/);
  });
});

describe("the health probe", () => {
  it("asks each Rucio at most once per interval whatever the traffic, and names no address", async () => {
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await harness.call("GET", "/api/health"));
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([503]));
    expect(answers[0]!.json).toEqual({
      ok: false,
      database: "ok",
      instances: [{ name: "default" }, { name: "stub", error: "unreachable" }],
    });
    expect(stub.apiRequests()).toHaveLength(1);
    for (const answer of answers) {
      expect(answer.text).not.toContain(new URL(stub.url).host);
      expect(answer.text).not.toContain(new URL(REAL_RUCIO).host);
    }
  });
});
