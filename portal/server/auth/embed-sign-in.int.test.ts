import { createHash, randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ScratchDatabase, useScratchDatabase } from "../../../testing/scratch-database";

// Embed sign-in over the real route handlers, the real local Rucio and a scratch database: a Jupyter
// server presents jdoe's Rucio token with the hash of its panel's nonce, the panel's frame redeems the
// code with the nonce, the frame is signed in as jdoe. Without the nonce, nobody is.

const PORTAL = "http://127.0.0.1:3000";
let scratch: ScratchDatabase;
let modules: Awaited<ReturnType<typeof load>>;
const load = async () => ({
  issue: (await import("@/app/api/embed/sign-ins/route")).POST,
  redeem: (await import("@/app/api/embed/redemptions/route")).POST,
  renew: (await import("@/app/api/embed/renewals/route")).POST,
  session: await import("./session"),
  signIns: await import("./sign-ins"),
  limits: await import("./embed-code-limits"),
  rateLimit: await import("@/server/http/rate-limit"),
  rucio: await import("@/server/rucio"),
  db: (await import("@/server/db/client")).db,
});
let jdoeToken: string;
let aliceToken: string;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64url");
  scratch = await useScratchDatabase("embed_sign_in");
  modules = await load();
  jdoeToken = (await modules.rucio.authenticateUserpass("default", { username: "jdoe", password: "jdoe-secret" }))
    .token;
  aliceToken = (await modules.rucio.authenticateUserpass("default", { username: "alice", password: "alice-secret" }))
    .token;
});

// The per-client budget is tested with the route kit; here every test starts with a full one.
beforeEach(() => modules.rateLimit.forgetRateLimits());

afterAll(async () => {
  await modules?.db.$disconnect();
  await scratch?.drop();
});

/** What the panel makes per sign-in: a nonce it keeps and the hash it lets the Jupyter server send. */
function frameNonce() {
  const nonce = randomBytes(32).toString("base64url");
  return { nonce, hash: createHash("sha256").update(nonce).digest("base64url") };
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new NextRequest(`${PORTAL}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

async function issue(body: unknown, contentType = "application/json") {
  const response = await modules.issue(post("/api/embed/sign-ins", body, { "content-type": contentType }));
  return { status: response.status, body: await response.json(), retryAfter: response.headers.get("retry-after") };
}

async function issueFor(rucioToken: string) {
  const frame = frameNonce();
  const issued = await issue({ rucioToken, frameNonceHash: frame.hash });
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  return { code: issued.body.code as string, nonce: frame.nonce, body: issued.body };
}

async function redeem(body: unknown, cookie?: string) {
  const response = await modules.redeem(post("/api/embed/redemptions", body, cookie ? { cookie } : {}));
  const setCookie = response.headers.get("set-cookie");
  return { status: response.status, body: await response.json(), setCookie, cookie: setCookie?.split(";")[0] };
}

const signInFromCookie = (cookie: string) =>
  modules.session.signInOfRequest(new NextRequest(`${PORTAL}/stagings`, { headers: { cookie } }));

describe("embed sign-in", () => {
  it("turns a Rucio token the server presents into a code, and the code with its frame's nonce into jdoe's session", async () => {
    const issued = await issueFor(jdoeToken);
    expect(issued.body).toMatchObject({
      account: "jdoe",
      startPath: expect.stringMatching(/^\/embed\/start\?code=[\w-]{43}$/),
    });
    expect(JSON.stringify(issued.body)).not.toContain(jdoeToken);

    const redeemed = await redeem({ code: issued.code, nonce: issued.nonce });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body).toEqual({ account: "jdoe" });
    expect(redeemed.setCookie).toMatch(/^next-auth\.session-token=.+HttpOnly/i);
    expect(redeemed.setCookie).not.toContain(jdoeToken);
    const signIn = await signInFromCookie(redeemed.cookie!);
    expect(signIn).toMatchObject({ account: "jdoe", instance: "default", kind: "EMBED", userName: "jdoe" });
    const token = await modules.signIns.rucioTokenOf(signIn!);
    expect((await modules.rucio.whoami(modules.rucio.tokenCaller("default", token))).account).toBe("jdoe");
  });

  it("is the same portal user as jdoe's password sign-in, so the history is shared", async () => {
    const issued = await issueFor(jdoeToken);
    const embedded = await signInFromCookie((await redeem({ code: issued.code, nonce: issued.nonce })).cookie!);
    const password = await modules.signIns.startRucioTokenSignIn(
      "default",
      await modules.rucio.authenticateUserpass("default", { username: "jdoe", password: "jdoe-secret" }),
    );
    expect(embedded!.userId).toBe(password.userId);
  });

  it("refuses a code without its frame's nonce, signs no one in, and burns the code", async () => {
    const issued = await issueFor(aliceToken);
    const wrong = await redeem({ code: issued.code, nonce: frameNonce().nonce });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toMatch(/not made for this panel/);
    expect(wrong.setCookie).toBeNull();
    const late = await redeem({ code: issued.code, nonce: issued.nonce });
    expect(late.status).toBe(410);
    expect(late.setCookie).toBeNull();
  });

  it("redeems a code once; a second use or an unknown code is refused with 410", async () => {
    const issued = await issueFor(jdoeToken);
    expect((await redeem({ code: issued.code, nonce: issued.nonce })).status).toBe(200);
    for (const code of [issued.code, "A".repeat(43)]) {
      const again = await redeem({ code, nonce: issued.nonce });
      expect(again.status).toBe(410);
      expect(again.body.error.message).toMatch(/already used or has expired/);
      expect(again.setCookie).toBeNull();
    }
  });

  it("of two concurrent redemptions of one code, only one signs in", async () => {
    const issued = await issueFor(jdoeToken);
    const both = await Promise.all([1, 2].map(() => redeem({ code: issued.code, nonce: issued.nonce })));
    expect(both.map((answer) => answer.status).sort()).toEqual([200, 410]);
  });

  it("refuses a late code", async () => {
    const issued = await issueFor(jdoeToken);
    const token = createHash("sha256").update(issued.code).digest("base64url");
    await modules.db.verificationToken.update({ where: { token }, data: { expires: new Date(Date.now() - 1000) } });
    expect((await redeem({ code: issued.code, nonce: issued.nonce })).status).toBe(410);
  });

  it("never silently replaces another user's session: 409 with both names, then the switch only when confirmed", async () => {
    const jdoe = await redeem(await issueFor(jdoeToken).then(({ code, nonce }) => ({ code, nonce })));
    const alice = await issueFor(aliceToken);
    const asked = await redeem({ code: alice.code, nonce: alice.nonce }, jdoe.cookie);
    expect(asked.status).toBe(409);
    expect(asked.body.error).toEqual({
      message: "You are signed in as jdoe here; continue as alice?",
      signedInAs: "jdoe",
      account: "alice",
    });
    expect(asked.setCookie).toBeNull();

    const confirmed = await redeem({ code: alice.code, nonce: alice.nonce, replaceSession: true }, jdoe.cookie);
    expect(confirmed.status).toBe(200);
    expect(await signInFromCookie(confirmed.cookie!)).toMatchObject({ account: "alice" });

    // The same user again needs no question.
    const again = await issueFor(jdoeToken);
    expect((await redeem({ code: again.code, nonce: again.nonce }, jdoe.cookie)).status).toBe(200);
  });

  it(`keeps at most ${5} unredeemed codes per account, refused with 429, and frees a place as one is redeemed`, async () => {
    await modules.db.verificationToken.deleteMany();
    const waiting = [];
    for (let i = 0; i < modules.limits.UNREDEEMED_CODES_PER_ACCOUNT; i++) waiting.push(await issueFor(aliceToken));
    const credentials = await modules.db.rucioCredential.count({ where: { kind: "EMBED" } });
    const refused = await issue({ rucioToken: aliceToken, frameNonceHash: frameNonce().hash });
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toBe(
      'Rucio account "alice" already has 5 unused panel sign-in codes; try again in 60 s, when they have expired',
    );
    expect(refused.retryAfter).toBe("60");
    // A refusal leaves neither a code nor a sign-in behind.
    expect(await modules.db.verificationToken.count()).toBe(modules.limits.UNREDEEMED_CODES_PER_ACCOUNT);
    expect(await modules.db.rucioCredential.count({ where: { kind: "EMBED" } })).toBe(credentials);
    // Another account is not affected.
    await issueFor(jdoeToken);

    expect((await redeem({ code: waiting[0]!.code, nonce: waiting[0]!.nonce })).status).toBe(200);
    await issueFor(aliceToken);
  });

  it(`issues at most ${30} codes per account per hour`, async () => {
    await modules.db.verificationToken.deleteMany();
    const { db } = modules;
    const hourAgo = new Date(Date.now() - 3_600_000);
    const alice = { kind: "EMBED", instance: "default", account: "alice" };
    const sofar = await db.rucioCredential.count({ where: { ...alice, createdAt: { gt: hourAgo } } });
    const validated = await modules.rucio.validateToken("default", aliceToken);
    // Earlier issues, as each one leaves its sign-in row (counted whether or not the code was redeemed).
    for (let i = sofar; i < modules.limits.CODES_PER_ACCOUNT_PER_HOUR - 1; i++) {
      await modules.signIns.startRucioTokenSignIn("default", { token: aliceToken, ...validated }, "EMBED");
    }
    await issueFor(aliceToken);
    const refused = await issue({ rucioToken: aliceToken, frameNonceHash: frameNonce().hash });
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toBe(
      'Rucio account "alice" asked for more than 30 panel sign-ins in the last hour; try again later',
    );
    expect(await db.rucioCredential.count({ where: { ...alice, createdAt: { gt: hourAgo } } })).toBe(30);

    // An hour later the oldest no longer count.
    await db.rucioCredential.updateMany({ where: alice, data: { createdAt: new Date(Date.now() - 3_700_000) } });
    await issueFor(aliceToken);
  });

  it("answers 401 for a token Rucio does not know and 4xx with a message for bad input", async () => {
    const frameNonceHash = frameNonce().hash;
    const unknown = await issue({ rucioToken: `jdoe-unknown-${randomBytes(24).toString("hex")}`, frameNonceHash });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toMatch(/does not accept this token/);
    const cases: [unknown, number, string?][] = [
      [{}, 400],
      [{ rucioToken: jdoeToken }, 400],
      [{ rucioToken: jdoeToken, frameNonceHash: "short" }, 400],
      [{ rucioToken: jdoeToken, frameNonceHash: `${frameNonceHash.slice(1)}=` }, 400],
      [{ rucioToken: 42, frameNonceHash }, 400],
      [{ rucioToken: jdoeToken, frameNonceHash, extra: true }, 400],
      [{ rucioToken: "short", frameNonceHash }, 400],
      [{ rucioToken: `${jdoeToken}\n`, frameNonceHash }, 400],
      [{ rucioToken: jdoeToken, frameNonceHash, instance: "elsewhere" }, 400],
      ["{not json", 400],
      [{ rucioToken: jdoeToken, frameNonceHash }, 415, "text/plain"],
    ];
    const before = await modules.db.rucioCredential.count({ where: { kind: "EMBED" } });
    for (const [body, status, contentType] of cases) {
      const answer = await issue(body, contentType);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.body.error.message).toEqual(expect.any(String));
    }
    expect(await modules.db.rucioCredential.count({ where: { kind: "EMBED" } })).toBe(before);
    for (const body of [
      {},
      { code: "A".repeat(43) },
      { code: "A".repeat(43), nonce: "short" },
      { code: "A".repeat(43), nonce: "B".repeat(43), replaceSession: "yes" },
    ]) {
      expect((await redeem(body)).status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe("embed sign-in renewal", () => {
  async function renew(body: unknown, contentType = "application/json") {
    const response = await modules.renew(post("/api/embed/renewals", body, { "content-type": contentType }));
    return { status: response.status, body: await response.json() };
  }
  const embedded = async (token: string) => {
    const issued = await issueFor(token);
    return (await signInFromCookie((await redeem({ code: issued.code, nonce: issued.nonce })).cookie!))!;
  };

  it("puts a fresh token into every live embed sign-in of that account, and no one else's", async () => {
    const jdoePanel = await embedded(jdoeToken);
    const alicePanel = await embedded(aliceToken);
    const jdoePassword = await modules.signIns.startRucioTokenSignIn(
      "default",
      await modules.rucio.authenticateUserpass("default", { username: "jdoe", password: "jdoe-secret" }),
    );
    const passwordSignIn = await modules.signIns.findSignIn(jdoePassword.credentialId, jdoePassword.userId);
    const passwordToken = await modules.signIns.rucioTokenOf(passwordSignIn!);
    // The cache hands out the same token while it is valid; a Jupyter server asks Rucio for a new one.
    modules.rucio.clearTokenCache();
    const fresh = (await modules.rucio.authenticateUserpass("default", { username: "jdoe", password: "jdoe-secret" }))
      .token;
    expect(fresh).not.toBe(jdoeToken);
    const renewed = await renew({ rucioToken: fresh });
    expect(renewed.status).toBe(200);
    expect(renewed.body).toEqual({
      account: "jdoe",
      tokenExpiresAt: expect.stringMatching(/^\d{4}-/),
      renewed: await modules.db.rucioCredential.count({
        where: { userId: jdoePanel.userId, kind: "EMBED", expiresAt: { gt: new Date() } },
      }),
    });
    expect(JSON.stringify(renewed.body)).not.toContain(fresh);
    expect(await modules.signIns.rucioTokenOf(jdoePanel)).toBe(fresh);
    expect(await modules.signIns.rucioTokenOf(alicePanel)).toBe(aliceToken);
    expect(await modules.signIns.rucioTokenOf(passwordSignIn!)).toBe(passwordToken);
  });

  it("tells a server with nothing left to renew (renewed: 0), refuses a token Rucio does not know, and bad input", async () => {
    const unknown = await renew({ rucioToken: `jdoe-unknown-${randomBytes(24).toString("hex")}` });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toMatch(/does not accept this token/);
    await modules.db.rucioCredential.deleteMany({ where: { kind: "EMBED" } });
    expect((await renew({ rucioToken: jdoeToken })).body).toMatchObject({ account: "jdoe", renewed: 0 });
    for (const [body, status, contentType] of [
      [{}, 400],
      [{ rucioToken: 42 }, 400],
      [{ rucioToken: "short" }, 400],
      [{ rucioToken: `${jdoeToken}\n` }, 400],
      [{ rucioToken: jdoeToken, extra: true }, 400],
      [{ rucioToken: jdoeToken, instance: "elsewhere" }, 400],
      ["{not json", 400],
      [{ rucioToken: jdoeToken }, 415, "text/plain"],
    ] as [unknown, number, string?][]) {
      const answer = await renew(body, contentType);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.body.error.message).toEqual(expect.any(String));
    }
  });
});
