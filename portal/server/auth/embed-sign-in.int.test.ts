import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScratchDatabase } from "../../../prisma/lib/scratch-databases.mjs";
import { useScratchDatabase } from "../staging/testing/scratch-database";

// Embed sign-in over the real route handlers, the real local Rucio and a scratch database: a Jupyter
// server presents jdoe's Rucio token, the panel redeems the code, the frame is signed in as jdoe.

const PORTAL = "http://127.0.0.1:3000";
let scratch: ScratchDatabase;
let modules: Awaited<ReturnType<typeof load>>;
const load = async () => ({
  issue: (await import("@/app/api/embed/sign-ins/route")).POST,
  start: (await import("@/app/embed/start/route")).GET,
  session: await import("./session"),
  signIns: await import("./sign-ins"),
  rucio: await import("@/server/rucio"),
  db: (await import("@/server/db/client")).db,
});
let jdoeToken: string;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64url");
  scratch = await useScratchDatabase("embed_sign_in");
  modules = await load();
  jdoeToken = (await modules.rucio.authenticateUserpass("default", { username: "jdoe", password: "jdoe-secret" })).token;
});

afterAll(async () => {
  await modules?.db.$disconnect();
  await scratch?.drop();
});

async function issue(body: unknown, contentType = "application/json") {
  const response = await modules.issue(
    new NextRequest(`${PORTAL}/api/embed/sign-ins`, { method: "POST", headers: { "content-type": contentType }, body: typeof body === "string" ? body : JSON.stringify(body) }),
  );
  return { status: response.status, body: await response.json() };
}

async function start(path: string) {
  const response = await modules.start(new NextRequest(`${PORTAL}${path}`));
  return { status: response.status, location: response.headers.get("location"), setCookie: response.headers.get("set-cookie") };
}

const signInFromCookie = (setCookie: string) =>
  modules.session.signInOfRequest(new NextRequest(`${PORTAL}/stagings`, { headers: { cookie: setCookie.split(";")[0]! } }));

describe("embed sign-in", () => {
  it("turns a Rucio token the server presents into a one-time code, and the code into jdoe's session", async () => {
    const issued = await issue({ rucioToken: jdoeToken, next: "/search?q=DAOD" });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ account: "jdoe", startPath: expect.stringMatching(/^\/embed\/start\?code=[\w-]{43}&next=/) });
    expect(JSON.stringify(issued.body)).not.toContain(jdoeToken);

    const started = await start(issued.body.startPath);
    expect(started.status).toBe(303);
    expect(started.location).toBe("/search?q=DAOD");
    expect(started.setCookie).toMatch(/^next-auth\.session-token=.+HttpOnly/i);
    expect(started.setCookie).not.toContain(jdoeToken);
    const signIn = await signInFromCookie(started.setCookie!);
    expect(signIn).toMatchObject({ account: "jdoe", instance: "default", kind: "EMBED", userName: "jdoe" });
    // The sign-in acts with the token Rucio validated, which keeps working as jdoe.
    const token = await modules.signIns.rucioTokenOf(signIn!);
    expect(token).toBe(jdoeToken);
    expect((await modules.rucio.whoami(modules.rucio.tokenCaller("default", token))).account).toBe("jdoe");
  });

  it("is the same portal user as jdoe's password sign-in, so the history is shared", async () => {
    const issued = await issue({ rucioToken: jdoeToken });
    const embedded = await signInFromCookie((await start(issued.body.startPath)).setCookie!);
    const password = await modules.signIns.startRucioTokenSignIn("default", await modules.rucio.authenticateUserpass("default", { username: "jdoe", password: "jdoe-secret" }));
    expect(embedded!.userId).toBe(password.userId);
  });

  it("redeems a code once; a second use, an unknown or a malformed code lead to the sign-in page", async () => {
    const issued = await issue({ rucioToken: jdoeToken, next: "/stagings" });
    expect((await start(issued.body.startPath)).status).toBe(303);
    for (const path of [issued.body.startPath, `/embed/start?code=${"A".repeat(43)}`, "/embed/start?code=%00", "/embed/start"]) {
      const again = await start(path);
      expect(again.setCookie).toBeNull();
      const location = new URL(again.location!, PORTAL);
      expect(location.pathname).toBe("/signin");
      expect(location.searchParams.get("error")).toBe("EmbedSignIn");
    }
  });

  it("refuses a late code", async () => {
    const issued = await issue({ rucioToken: jdoeToken });
    const code = new URLSearchParams(issued.body.startPath.split("?")[1]).get("code")!;
    const { createHash } = await import("node:crypto");
    await modules.db.verificationToken.update({ where: { token: createHash("sha256").update(code).digest("base64url") }, data: { expires: new Date(Date.now() - 1000) } });
    expect((await start(issued.body.startPath)).location).toMatch(/^\/signin\?error=EmbedSignIn/);
  });

  it("never leaves the portal: `next` pointing elsewhere lands on the home page", async () => {
    for (const next of ["https://evil.example/", "//evil.example/x", "/\\evil.example"]) {
      const issued = await issue({ rucioToken: jdoeToken, next });
      expect((await start(issued.body.startPath)).location).toBe("/");
    }
  });

  it("answers 401 for a token Rucio does not know and 4xx with a message for bad input", async () => {
    const unknown = await issue({ rucioToken: `jdoe-unknown-${randomBytes(24).toString("hex")}` });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toMatch(/does not accept this token/);
    const cases: [unknown, number, string?][] = [
      [{}, 400],
      [{ rucioToken: 42 }, 400],
      [{ rucioToken: jdoeToken, extra: true }, 400],
      [{ rucioToken: "short" }, 400],
      [{ rucioToken: `${jdoeToken}\n` }, 400],
      [{ rucioToken: jdoeToken, instance: "elsewhere" }, 400],
      ["{not json", 400],
      [{ rucioToken: jdoeToken }, 415, "text/plain"],
    ];
    for (const [body, status, contentType] of cases) {
      const answer = await issue(body, contentType);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.body.error.message).toEqual(expect.any(String));
    }
    expect(await modules.db.rucioCredential.count({ where: { kind: "EMBED" } })).toBe(7);
  });
});
