import { decode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { useStagingPortal } from "./int-test-support";
import { api, CookieJarClient } from "../../../testing/cookie-jar-client";
import { SESSION_COOKIE, signInWithRucioPassword, signOut } from "../../../testing/sign-in";

// The staging API over real HTTP: a Next.js server (next dev) on a fresh SQLite database, the real
// local Rucio, and a cookie-keeping HTTP client signing in through next-auth's own endpoints.

const suite = useStagingPortal("stagings-http", {
  // These tests set a download's token to expired; the tracker would fail that download meanwhile.
  STAGING_TRACKER_ENABLED: "false",
});
const jdoe = new CookieJarClient();
const alice = new CookieJarClient();
/** Every body the portal sent to the clients, to prove the Rucio token never left the server. */
const seenBodies: string[] = [];
/** The Rucio tokens the portal obtained for the users, read back from the database. */
const rucioTokens: string[] = [];

async function storedRucioToken(client: CookieJarClient): Promise<string> {
  const { token } = await suite.storedCredential(client);
  rucioTokens.push(token);
  return token;
}

async function call(client: CookieJarClient, path: string, init?: Parameters<typeof api>[2]) {
  const result = await api(client, `${suite.url}${path}`, init);
  seenBodies.push(result.text);
  return result;
}

describe("sign-in", () => {
  it("refuses a wrong password with Rucio's reason and sets no session", async () => {
    const stranger = new CookieJarClient();
    const next = await signInWithRucioPassword(stranger, suite.url, "jdoe", "not-the-password");
    expect(new URL(next).searchParams.get("error")).toMatch(/^Rucio refused the sign-in: .*jdoe/);
    expect(stranger.cookie(suite.url, SESSION_COOKIE)).toBeUndefined();
  });

  it("keeps jdoe's Rucio token on the server: encrypted in the database, absent from cookie and answers", async () => {
    await signInWithRucioPassword(jdoe, suite.url, "jdoe", "jdoe-secret");
    const cookie = jdoe.cookie(suite.url, SESSION_COOKIE);
    expect(cookie?.raw).toMatch(/HttpOnly/i);
    expect(cookie?.raw).toMatch(/SameSite=Lax/i);

    const session = await call(jdoe, "/api/auth/session");
    expect(session.json).toEqual({ user: { name: "jdoe" }, expires: expect.any(String) });

    const claims = await decode({ token: cookie!.value, secret: suite.secret });
    expect(Object.keys(claims ?? {}).sort()).toEqual(["credentialId", "exp", "iat", "jti", "name", "sub"]);
    const row = await suite.modules.db.rucioCredential.findUniqueOrThrow({
      where: { id: String(claims!.credentialId) },
    });
    expect(row).toMatchObject({ kind: "USERPASS", account: "jdoe", instance: "default", userId: claims!.sub });
    const token = await storedRucioToken(jdoe);
    // It is the real Rucio token: Rucio accepts it as jdoe.
    expect((await suite.modules.rucio.whoami(suite.modules.rucio.tokenCaller("default", token))).account).toBe("jdoe");
    expect(row.tokenCiphertext).not.toContain(token);
    expect(jdoe.cookies(suite.url).some((each) => each.raw.includes(token))).toBe(false);
    expect(session.text).not.toContain(token);
  });
});

describe("rule mode over HTTP", () => {
  let requestId: string;

  it("POST creates jdoe's rule and answers 201 with the request", async () => {
    const created = await call(jdoe, "/api/stagings", { method: "POST", body: suite.dataset });
    expect(created.status).toBe(201);
    const staging = created.json.staging as Record<string, unknown>;
    expect(staging).toMatchObject({
      state: "REPLICATING",
      mode: "RULE",
      account: "jdoe",
      destination: "SWAN-MOUNT",
      filesTotal: 2,
      progressSource: "rucio-locks",
    });
    requestId = String(staging.id);
    suite.ruleIds.push(String(staging.ruleId));
    expect(
      (await suite.modules.rucio.getRule(suite.modules.rucio.serviceCaller(), String(staging.ruleId))).account,
    ).toBe("jdoe");
  });

  it("another user gets 404 on it and cannot cancel it", async () => {
    await signInWithRucioPassword(alice, suite.url, "alice", "alice-secret");
    await storedRucioToken(alice);
    expect((await call(alice, `/api/stagings/${requestId}`)).status).toBe(404);
    const cancel = await call(alice, `/api/stagings/${requestId}`, { method: "DELETE" });
    expect(cancel.status).toBe(404);
    expect(cancel.json).toEqual({ error: { message: `No staging request ${requestId}` } });
    expect((await call(alice, "/api/stagings")).json.stagings).toEqual([]);
    const rule = await suite.modules.rucio.getRule(suite.modules.rucio.serviceCaller(), suite.ruleIds[0]!);
    expect(rule.expires_at!.getTime()).toBeGreaterThan(Date.now() + 2 * 86_400_000);
  });

  it("jdoe sees it in the list and cancels it: the rule is deleted in Rucio", async () => {
    // The daemons may take the rule to OK at any moment: the request is in the unfinished list when it
    // was still unfinished after that list was read.
    const unfinished = (await call(jdoe, "/api/stagings?unfinished=true")).json.stagings as {
      id: string;
      unfinished: boolean;
    }[];
    const all = (await call(jdoe, "/api/stagings")).json.stagings as { id: string; unfinished: boolean }[];
    expect(unfinished.every((staging) => staging.unfinished)).toBe(true);
    expect(all.map((staging) => staging.id)).toContain(requestId);
    if (all.find((staging) => staging.id === requestId)?.unfinished)
      expect(unfinished.map((staging) => staging.id)).toContain(requestId);
    const cancelled = await call(jdoe, `/api/stagings/${requestId}`, { method: "DELETE" });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.staging).toMatchObject({ state: "CANCELLED", cancellable: false });
    const rule = await suite.modules.rucio.getRule(suite.modules.rucio.serviceCaller(), suite.ruleIds[0]!);
    expect(rule.expires_at!.getTime()).toBeLessThanOrEqual(Date.now() + 3_660_000);
    const detail = await call(jdoe, `/api/stagings/${requestId}`);
    expect((detail.json.events as { message: string }[]).at(-1)?.message).toMatch(
      /^Cancelled: the portal deleted rule \w+, which it had created for you/,
    );
  });

  it("alice's quota refusal comes back as 409 with Rucio's words and is kept in her history", async () => {
    const refused = await call(alice, "/api/stagings", { method: "POST", body: suite.dataset });
    expect(refused.status).toBe(409);
    const message = (refused.json.error as { message: string }).message;
    expect(message).toMatch(/^Over your Rucio quota: .* limit of 1,024 bytes.*No rule was made/);
    expect(refused.json.staging).toMatchObject({ state: "FAILED", error: message });
    expect((await call(alice, "/api/stagings?state=FAILED")).json.stagings).toMatchObject([
      { state: "FAILED", error: message },
    ]);
  });
});

describe("input validation", () => {
  it("answers 400/415 with { error: { message } }", async () => {
    const missing = await call(jdoe, "/api/stagings", { method: "POST", body: { scope: suite.dataset.scope } });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({ error: { message: expect.stringMatching(/^name: /) } });
    expect((await call(jdoe, "/api/stagings", { method: "POST", body: { ...suite.dataset, extra: 1 } })).status).toBe(
      400,
    );
    expect(
      (
        await call(jdoe, "/api/stagings", {
          method: "POST",
          body: { ...suite.dataset, destination: "/etc", mode: "DOWNLOAD" },
        })
      ).status,
    ).toBe(400);
    expect(
      (await call(jdoe, "/api/stagings", { method: "POST", body: { ...suite.dataset, destination: "x" } })).status,
    ).toBe(400);
    expect(
      (
        await call(jdoe, "/api/stagings", {
          method: "POST",
          body: "{",
          headers: { "content-type": "application/json" },
        })
      ).status,
    ).toBe(400);
    const form = await call(jdoe, "/api/stagings", {
      method: "POST",
      body: "scope=a&name=b",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    expect((await call(jdoe, "/api/stagings?limit=1000")).status).toBe(400);
    expect((await call(jdoe, "/api/stagings?state=DONE")).status).toBe(400);
    expect((await call(jdoe, "/api/stagings/not%20an%20id")).status).toBe(400);
    expect((await call(new CookieJarClient(), "/api/stagings")).status).toBe(401);
  });
});

describe("download mode: the progress contract", () => {
  let first: { id: string; token: string };
  let second: { id: string; token: string };

  const report = (id: string, token: string | undefined, body: unknown) =>
    call(new CookieJarClient(), `/api/stagings/${id}/progress`, {
      method: "PATCH",
      body,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });

  it("POST issues a token scoped to the request and stores only its hash", async () => {
    for (const target of ["first", "second"] as const) {
      const created = await call(jdoe, "/api/stagings", {
        method: "POST",
        body: { ...suite.dataset, mode: "DOWNLOAD", destination: "rucio-data/test" },
      });
      expect(created.status).toBe(201);
      const staging = created.json.staging as {
        id: string;
        state: string;
        destination: string;
        progressSource: string;
      };
      expect(staging).toMatchObject({
        state: "QUEUED",
        destination: "rucio-data/test",
        progressSource: "download-executor",
      });
      const { token } = created.json.progressToken as { token: string };
      if (target === "first") first = { id: staging.id, token };
      else second = { id: staging.id, token };
      const row = await suite.modules.db.stagingRequest.findUniqueOrThrow({ where: { id: staging.id } });
      expect(JSON.stringify(row, (_, value) => (typeof value === "bigint" ? String(value) : value))).not.toContain(
        token,
      );
    }
    // The token is handed out once: reading the request back does not show it.
    expect((await call(jdoe, `/api/stagings/${first.id}`)).text).not.toContain(first.token);
  });

  it("401 without a valid token, 404 for an unknown request, 403 with another request's token", async () => {
    const body = { filesDone: 1, bytesDone: 1 };
    expect((await report(first.id, undefined, body)).status).toBe(401);
    expect((await report(first.id, "stgp_forged-token", body)).status).toBe(401);
    // The user's session cookie is no credential here.
    expect((await call(jdoe, `/api/stagings/${first.id}/progress`, { method: "PATCH", body })).status).toBe(401);
    expect((await report("cnosuchrequest000000000000", first.token, body)).status).toBe(404);
    const foreign = await report(second.id, first.token, body);
    expect(foreign.status).toBe(403);
    expect(foreign.json).toEqual({ error: { message: "This progress token belongs to another staging request" } });
  });

  it("accepts forward progress, refuses insane values, finishes with OK and then refuses more", async () => {
    const total = await suite.modules.db.stagingRequest.findUniqueOrThrow({ where: { id: first.id } });
    const bytesTotal = Number(total.bytesTotal);
    expect((await report(first.id, first.token, { filesDone: 1 })).status).toBe(400);
    expect((await report(first.id, first.token, { filesDone: -1, bytesDone: 0 })).status).toBe(400);
    // The executor's first report, in the protocol's words, as rucio_catalog_jupyterlab's reporter sends it.
    const pending = await report(first.id, first.token, {
      state: "pending",
      filesDone: 0,
      filesTotal: 2,
      bytesDone: 0,
      bytesTotal,
    });
    expect(pending.status).toBe(200);
    expect(pending.json.staging).toMatchObject({ state: "QUEUED", filesTotal: 2, bytesTotal });
    const half = await report(first.id, first.token, {
      state: "staging",
      filesDone: 1,
      filesTotal: 2,
      bytesDone: Math.floor(bytesTotal / 2),
      bytesTotal,
    });
    expect(half.status).toBe(200);
    expect(half.json.staging).toMatchObject({
      state: "DOWNLOADING",
      filesDone: 1,
      filesPercent: 50,
      bytesDone: Math.floor(bytesTotal / 2),
    });
    expect((await report(first.id, first.token, { filesDone: 0, bytesDone: bytesTotal })).status).toBe(422);
    expect((await report(first.id, first.token, { filesDone: 3, bytesDone: bytesTotal })).status).toBe(422);
    expect((await report(first.id, first.token, { filesDone: 2, bytesDone: bytesTotal + 1 })).status).toBe(422);
    expect((await report(first.id, first.token, { filesDone: 2, bytesDone: bytesTotal, filesTotal: 5 })).status).toBe(
      422,
    );
    const done = await report(first.id, first.token, { state: "done", filesDone: 2, bytesDone: String(bytesTotal) });
    expect(done.status).toBe(200);
    expect(done.json.staging).toMatchObject({ state: "OK", filesPercent: 100, bytesPercent: 100, unfinished: false });
    expect(
      (await report(first.id, first.token, { state: "staging", filesDone: 2, bytesDone: bytesTotal })).status,
    ).toBe(410);
    expect((await report(first.id, first.token, { state: "OK", filesDone: 2, bytesDone: bytesTotal })).status).toBe(
      400,
    );
  });

  it("an expired token is refused, and a cancelled download tells the executor to stop", async () => {
    await suite.modules.db.stagingRequest.update({
      where: { id: second.id },
      data: { progressTokenExpiresAt: new Date(Date.now() - 1000) },
    });
    expect((await report(second.id, second.token, { filesDone: 0, bytesDone: 0 })).status).toBe(401);
    await suite.modules.db.stagingRequest.update({
      where: { id: second.id },
      data: { progressTokenExpiresAt: new Date(Date.now() + 60_000) },
    });
    expect((await call(jdoe, `/api/stagings/${second.id}`, { method: "DELETE" })).json.staging).toMatchObject({
      state: "CANCELLED",
    });
    const stopped = await report(second.id, second.token, { filesDone: 1, bytesDone: 1 });
    expect(stopped.status).toBe(410);
    expect(stopped.json).toEqual({ error: { message: "This staging request was cancelled: stop the download" } });
  });
});

describe("sessions end", () => {
  it("an expired Rucio token stops staging with a clear 401, not a Rucio error", async () => {
    const claims = await decode({ token: jdoe.cookie(suite.url, SESSION_COOKIE)!.value, secret: suite.secret });
    await suite.modules.db.rucioCredential.update({
      where: { id: String(claims!.credentialId) },
      data: { tokenExpiresAt: new Date(Date.now() - 1000) },
    });
    const refused = await call(jdoe, "/api/stagings", { method: "POST", body: suite.dataset });
    expect(refused.status).toBe(401);
    expect(refused.json).toEqual({
      error: { message: "Your Rucio sign-in has expired: sign in again to go on (you will come back to this page)." },
    });
  });

  it("an expired sign-in is no longer accepted", async () => {
    const claims = await decode({ token: alice.cookie(suite.url, SESSION_COOKIE)!.value, secret: suite.secret });
    await suite.modules.db.rucioCredential.update({
      where: { id: String(claims!.credentialId) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await call(alice, "/api/stagings")).status).toBe(401);
    expect((await call(alice, "/api/auth/session")).json).toEqual({});
  });

  it("sign-out deletes the stored token, and a replayed cookie is refused", async () => {
    const cookie = jdoe.cookie(suite.url, SESSION_COOKIE)!.value;
    const claims = await decode({ token: cookie, secret: suite.secret });
    await signOut(jdoe, suite.url);
    expect(jdoe.cookie(suite.url, SESSION_COOKIE)).toBeUndefined();
    expect(
      await suite.modules.db.rucioCredential.findUnique({ where: { id: String(claims!.credentialId) } }),
    ).toBeNull();
    const replay = await fetch(`${suite.url}/api/stagings`, { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
    expect(replay.status).toBe(401);
  });

  it("no answer the portal gave contained a Rucio token", () => {
    expect(rucioTokens).toHaveLength(2);
    for (const token of rucioTokens) expect(seenBodies.some((body) => body.includes(token))).toBe(false);
    expect(seenBodies.length).toBeGreaterThan(20);
  });
});
