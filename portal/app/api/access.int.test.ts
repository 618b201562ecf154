import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO } from "./hostile-inputs.fixture";
import { RouteHarness, type Answer } from "./_testing/route-harness";
import { ApiSuite, createDownload } from "./_testing/api-suite";
import { freshJdoeDataset } from "../../../testing/local-rucio";
import { sessionCookie } from "../../../testing/sign-in";

// Who may use each API route: nobody signed in, another user, a sign-in that expired or was ended, a
// forged cookie; download progress tokens scoped to one request and expiring; and the Rucio tokens of
// real sign-ins found in no answer, header, log line or user-visible row. Catalog routes here run with
// AUTH_REQUIRE_SIGNIN_FOR_CATALOG=true (by default they are public).

const suite = new ApiSuite("api_access", 50, async () => ({
  signIns: await import("@/server/auth/sign-ins"),
  cipher: await import("@/server/auth/token-cipher"),
  staging: await import("@/server/staging"),
}));
const { secret } = suite;
let modules: Awaited<ReturnType<typeof suite.open>>;
const harness = new RouteHarness();
const logged: string[] = [];
const ruleIds: string[] = [];
let restoreLogs: () => void;

type Who = "nobody" | "forged" | "jdoe" | "alice" | "expired" | "ended" | "tokenExpired";
const cookies = {} as Record<Who, string | undefined>;
const as = (who: Who, method: string, path: string, body?: unknown) =>
  harness.call(method, path, { cookie: cookies[who], body });
const REFUSED: Who[] = ["nobody", "forged", "expired", "ended"];

let ruleStaging: { id: string; ruleId: string };
let downloads: { id: string; token: string }[];
let aliceDownload: { id: string; token: string };

/** Everything the portal prints, kept (and still printed) so the token search covers it. */
function captureLogs(): () => void {
  const methods = ["log", "info", "warn", "error", "debug"] as const;
  const originals = methods.map((name) => console[name]);
  methods.forEach((name, i) => {
    console[name] = (...args: unknown[]) => {
      logged.push(
        args
          .map((arg) =>
            arg instanceof Error ? `${arg.message}\n${arg.stack}` : typeof arg === "string" ? arg : JSON.stringify(arg),
          )
          .join(" "),
      );
      originals[i]!(...args);
    };
  });
  const writes = [process.stdout, process.stderr].map((stream) => {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logged.push(String(chunk));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    return () => (stream.write = original);
  });
  return () => {
    methods.forEach((name, i) => (console[name] = originals[i]!));
    writes.forEach((restore) => restore());
  };
}

const download = (who: Who, destination: string) => createDownload(harness, cookies[who], destination);

beforeAll(async () => {
  restoreLogs = captureLogs();
  console.info("[access test] log capture works");
  vi.stubEnv("AUTH_REQUIRE_SIGNIN_FOR_CATALOG", "true");
  modules = await suite.open();
  const fresh = await freshJdoeDataset("access", 1);
  const signIns = {} as Record<
    "jdoe" | "alice" | "expired" | "ended" | "tokenExpired",
    Awaited<ReturnType<typeof modules.signInAs>>
  >;
  for (const who of ["jdoe", "alice", "expired", "ended", "tokenExpired"] as const) {
    signIns[who] = await modules.signInAs(who === "alice" ? "alice" : "jdoe");
    cookies[who] = await sessionCookie(signIns[who], secret);
  }
  cookies.forged = await sessionCookie(signIns.jdoe, randomBytes(32).toString("base64url"));
  const { db } = modules;
  await db.rucioCredential.update({
    where: { id: signIns.expired.id },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  await modules.signIns.endSignIn(signIns.ended.id);
  await db.rucioCredential.update({
    where: { id: signIns.tokenExpired.id },
    data: { tokenExpiresAt: new Date(Date.now() - 1000) },
  });

  const rule = await as("jdoe", "POST", "/api/stagings", { scope: fresh.scope, name: fresh.name });
  expect(rule.status, rule.text).toBe(201);
  ruleStaging = rule.json!.staging as { id: string; ruleId: string };
  ruleIds.push(ruleStaging.ruleId);
  downloads = [
    await download("jdoe", "rucio-data/one"),
    await download("jdoe", "rucio-data/two"),
    await download("jdoe", "rucio-data/three"),
  ];
  aliceDownload = await download("alice", "rucio-data/alice");
}, 180_000);

afterAll(async () => {
  restoreLogs?.();
  for (const ruleId of ruleIds)
    await modules?.rucio.deleteRule(modules.rucio.serviceCaller(), ruleId).catch(() => undefined);
  await suite.close();
});

function expectRefused(answer: Answer, status: number, message: RegExp) {
  expect(answer.status, `${answer.method} ${answer.path}: ${answer.text.slice(0, 300)}`).toBe(status);
  expect((answer.json?.error as { message: string }).message).toMatch(message);
}

const CATALOG_ROUTES = [
  "/api/search?q=AOD",
  "/api/instances",
  `/api/datasets/${DEMO.scope}/${DEMO.name}`,
  `/api/datasets/${DEMO.scope}/${DEMO.name}/files?limit=2`,
  `/api/datasets/${DEMO.scope}/${DEMO.name}/contents`,
  `/api/datasets/${DEMO.scope}/${DEMO.name}/replicas`,
  `/api/datasets/${DEMO.scope}/${DEMO.name}/file-sizes`,
  `/api/datasets/${DEMO.scope}/${DEMO.name}/rules`,
];

describe("catalog routes (sign-in required by configuration)", () => {
  it.each(CATALOG_ROUTES)(
    "%s: 401 unsigned, forged, expired or ended; the same answer for every user",
    async (path) => {
      for (const who of REFUSED) expectRefused(await as(who, "GET", path), 401, /^Sign in to read the catalog/);
      const jdoe = await as("jdoe", "GET", path);
      const alice = await as("alice", "GET", path);
      expect(jdoe.status, jdoe.text.slice(0, 300)).toBe(200);
      // Nothing in a catalog answer depends on who asks (dataset rules are everyone's, read by the portal).
      const withoutTiming = (answer: Answer) => answer.text.replace(/"tookMs":\d+/, "");
      expect(withoutTiming(alice)).toBe(withoutTiming(jdoe));
    },
  );

  it("health stays public for probes and says nothing about users", async () => {
    const answers = await Promise.all(
      (["nobody", "jdoe", "alice"] as const).map((who) => as(who, "GET", "/api/health")),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    expect(answers[0]!.json).toEqual({ ok: true, database: "ok", instances: [{ name: "default" }] });
  });
});

describe("staging routes", () => {
  const ROUTES = () =>
    [
      ["GET", "/api/stagings"],
      ["POST", "/api/stagings"],
      ["GET", `/api/stagings/${downloads[0]!.id}`],
      ["DELETE", `/api/stagings/${downloads[0]!.id}`],
      ["GET", `/api/stagings/${ruleStaging.id}/files`],
    ] as const;

  it("answer 401 to nobody, a forged cookie, an expired and an ended sign-in, and act on nothing", async () => {
    const before = await modules.db.stagingRequest.findMany({ orderBy: { id: "asc" } });
    for (const who of REFUSED) {
      for (const [method, path] of ROUTES()) {
        expectRefused(
          await as(who, method, path, method === "POST" ? DEMO : undefined),
          401,
          /^Sign in to stage datasets/,
        );
      }
    }
    expect(await modules.db.stagingRequest.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("another user sees none of jdoe's requests and cannot cancel them: 404 as if they did not exist", async () => {
    const listed = await as("alice", "GET", "/api/stagings");
    expect((listed.json!.stagings as { id: string }[]).map((staging) => staging.id)).toEqual([aliceDownload.id]);
    for (const id of [downloads[0]!.id, ruleStaging.id]) {
      expectRefused(await as("alice", "GET", `/api/stagings/${id}`), 404, new RegExp(`^No staging request ${id}$`));
      expectRefused(await as("alice", "DELETE", `/api/stagings/${id}`), 404, /^No staging request/);
      expectRefused(await as("alice", "GET", `/api/stagings/${id}/files`), 404, /^No staging request/);
    }
    expect((await as("jdoe", "GET", "/api/stagings")).json!.stagings).not.toContainEqual(
      expect.objectContaining({ id: aliceDownload.id }),
    );
    expect((await as("jdoe", "GET", `/api/stagings/${aliceDownload.id}`)).status).toBe(404);
    // jdoe's rule is still there and still jdoe's.
    const rule = await modules.rucio.getRule(modules.rucio.serviceCaller(), ruleStaging.ruleId);
    expect(rule.account).toBe("jdoe");
    expect(rule.expires_at!.getTime()).toBeGreaterThan(Date.now() + 86_400_000);
    expect(await modules.db.stagingRequest.findUniqueOrThrow({ where: { id: downloads[0]!.id } })).toMatchObject({
      state: "QUEUED",
    });
  });

  it("a sign-in whose Rucio token expired may read its history but not stage", async () => {
    expect((await as("tokenExpired", "GET", "/api/stagings")).status).toBe(200);
    const count = await modules.db.stagingRequest.count();
    expectRefused(
      await as("tokenExpired", "POST", "/api/stagings", DEMO),
      401,
      /^Your Rucio sign-in has expired: sign in again/,
    );
    expect(await modules.db.stagingRequest.count()).toBe(count);
  });
});

describe("download progress tokens", () => {
  const report = (
    id: string,
    authorization: string | undefined,
    body: unknown = { filesDone: 0, bytesDone: 0 },
    cookie?: string,
  ) =>
    harness.call("PATCH", `/api/stagings/${id}/progress`, {
      cookie,
      headers: authorization ? { authorization } : {},
      body,
    });

  it("are stored only as a hash, shown once, and expire after the configured lifetime", async () => {
    const row = await modules.db.stagingRequest.findUniqueOrThrow({ where: { id: downloads[0]!.id } });
    expect(JSON.stringify(row, (_, value) => (typeof value === "bigint" ? String(value) : value))).not.toContain(
      downloads[0]!.token,
    );
    const lifetime = row.progressTokenExpiresAt!.getTime() - row.createdAt.getTime();
    expect(lifetime).toBeGreaterThan(890_000);
    expect(lifetime).toBeLessThan(910_000);
    expect((await as("jdoe", "GET", `/api/stagings/${downloads[0]!.id}`)).text).not.toContain(downloads[0]!.token);
  });

  it("are the only credential: no session cookie, nobody's, counts", async () => {
    for (const who of ["jdoe", "alice"] as const) {
      expectRefused(await report(downloads[0]!.id, undefined, undefined, cookies[who]), 401, /progress token/);
    }
    expectRefused(await report(downloads[0]!.id, `Bearer ${cookies.jdoe!.split("=")[1]}`), 401, /progress token/);
    expectRefused(
      await report(downloads[0]!.id, "Bearer stgp_forged-token-of-the-right-shape"),
      401,
      /^Unknown progress token$/,
    );
  });

  it("work for their own request only, of the same user or another", async () => {
    expectRefused(
      await report(downloads[1]!.id, `Bearer ${downloads[0]!.token}`),
      403,
      /belongs to another staging request/,
    );
    expectRefused(
      await report(aliceDownload.id, `Bearer ${downloads[0]!.token}`),
      403,
      /belongs to another staging request/,
    );
    expectRefused(
      await report(downloads[0]!.id, `Bearer ${aliceDownload.token}`),
      403,
      /belongs to another staging request/,
    );
    expectRefused(
      await report("cnosuchrequest0000000000000", `Bearer ${downloads[0]!.token}`),
      404,
      /No staging request/,
    );
    const rows = await modules.db.stagingRequest.findMany({
      where: { id: { in: [downloads[1]!.id, aliceDownload.id] } },
    });
    expect(rows.map((row) => row.state)).toEqual(["QUEUED", "QUEUED"]);
  });

  it("are refused once expired, and once their request is finished or cancelled", async () => {
    const [, second, third] = downloads as [unknown, { id: string; token: string }, { id: string; token: string }];
    await modules.db.stagingRequest.update({
      where: { id: second.id },
      data: { progressTokenExpiresAt: new Date(Date.now() - 1) },
    });
    expectRefused(await report(second.id, `Bearer ${second.token}`), 401, /^The progress token has expired$/);
    expect((await as("jdoe", "DELETE", `/api/stagings/${third.id}`)).status).toBe(200);
    expectRefused(
      await report(third.id, `Bearer ${third.token}`, { filesDone: 1, bytesDone: 1 }),
      410,
      /cancelled: stop the download/,
    );
    const accepted = await report(downloads[0]!.id, `Bearer ${downloads[0]!.token}`, {
      state: "staging",
      filesDone: 1,
      bytesDone: 1,
    });
    expect(accepted.status, accepted.text).toBe(200);
  });
});

describe("Rucio tokens", () => {
  it("appear in no answer, no header, no log line and no row a user sees", async () => {
    const rows = await modules.db.rucioCredential.findMany();
    const tokens = rows
      .filter((row) => row.tokenCiphertext)
      .map((row) =>
        modules.cipher.decryptToken(row.tokenCiphertext!, `${row.id}\n${row.userId}\n${row.instance}`, secret),
      );
    // jdoe's live, expired-token and expired sign-ins and alice's (the ended one's row is gone).
    expect(tokens.length).toBe(4);
    for (const token of tokens) expect(token.length).toBeGreaterThan(20);
    // The portal really used them: Rucio made the rule with jdoe's token.
    expect((await modules.rucio.whoami(modules.rucio.tokenCaller("default", tokens[0]!))).account).toMatch(
      /jdoe|alice/,
    );

    // The tracker polls the rule once, logging as it does in the portal.
    await new modules.staging.StagingTracker({
      ...modules.staging.stagingConfig().tracker,
      owner: "access-test",
    }).tick();
    const answers = harness.answers.map(
      (answer) => `${answer.text}\n${[...answer.headers].map(([name, value]) => `${name}: ${value}`).join("\n")}`,
    );
    const visible = JSON.stringify(
      [
        await modules.db.stagingRequest.findMany(),
        await modules.db.stagingEvent.findMany(),
        await modules.db.user.findMany(),
        await modules.db.account.findMany(),
      ],
      (_, value) => (typeof value === "bigint" ? String(value) : value),
    );
    expect(answers.length).toBeGreaterThan(60);
    expect(logged.some((line) => line.includes("log capture works"))).toBe(true);
    for (const token of tokens) {
      // The whole token and any long piece of it (a token cut short in a message is still a leak).
      const pieces = [token, token.slice(0, 24), token.slice(-24)];
      for (const piece of pieces) {
        expect(answers.filter((answer) => answer.includes(piece))).toEqual([]);
        expect(logged.filter((line) => line.includes(piece))).toEqual([]);
        expect(visible.includes(piece)).toBe(false);
      }
    }
  });
});
