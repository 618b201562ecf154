import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type ScratchDatabase, useScratchDatabase } from "../../../testing/scratch-database";

// The sign-in throttle through the credentials provider next-auth calls (its thrown message is what
// the sign-in form shows), against the real local Rucio, with the counts in a scratch database. The
// request headers come from real requests to a Node HTTP server with the start-up hook's peer
// recording on; the test is the proxy in front (127.0.0.1, trusted unless a test says otherwise) and
// names the client in X-Forwarded-For.

let scratch: ScratchDatabase;
let db: Awaited<typeof import("@/server/db/client")>["db"];
let throttle: typeof import("./sign-in-throttle");
let headerServer: Server;

type Authorize = (
  credentials: Record<string, string>,
  request: { headers: Record<string, unknown> },
) => Promise<unknown>;

/** The provider's authorize(), from a fresh import of the auth modules when asked (a new "replica"). */
async function authorizer(fresh = false): Promise<Authorize> {
  if (fresh) vi.resetModules();
  const { getAuthOptions } = await import("./options");
  const providers = getAuthOptions().providers as unknown as { options?: { id?: string; authorize: Authorize } }[];
  return providers.find((provider) => provider.options?.id === "rucio-userpass")!.options!.authorize;
}

/** The headers a route sees for a request that arrives with this X-Forwarded-For. */
async function headersFor(forwardedFor: string): Promise<Record<string, unknown>> {
  const answer = await fetch(`http://127.0.0.1:${(headerServer.address() as AddressInfo).port}/`, {
    headers: { "x-forwarded-for": forwardedFor },
  });
  return (await answer.json()) as Record<string, unknown>;
}

async function attempt(username: string, password: string, client: string, authorize?: Authorize): Promise<string> {
  const signIn = authorize ?? (await authorizer());
  return signIn(
    { username, password, csrfToken: "x" },
    { headers: await headersFor(`198.51.100.200, ${client}`) },
  ).then(
    () => "signed in",
    (error: Error) => error.message,
  );
}

const signInRows = () => db.rucioCredential.count();

beforeAll(async () => {
  vi.stubEnv("NEXTAUTH_SECRET", randomBytes(32).toString("base64url"));
  vi.stubEnv("RUCIO_INSTANCES", undefined);
  vi.stubEnv("PORTAL_TRUSTED_PROXIES", "127.0.0.1");
  scratch = await useScratchDatabase("sign_in_throttle");
  ({ db } = await import("@/server/db/client"));
  throttle = await import("./sign-in-throttle");
  (await import("@/server/client-address")).recordPeerAddresses();
  headerServer = createServer((request, response) => response.end(JSON.stringify(request.headers)));
  await new Promise<void>((resolve) => headerServer.listen(0, "127.0.0.1", resolve));
}, 120_000);

afterAll(async () => {
  headerServer?.close();
  await db?.$disconnect();
  await scratch?.drop();
  vi.unstubAllEnvs();
});

describe("sign-in throttle", () => {
  it(`refuses jdoe from one client after ${5} failures, even with the right password, without a sign-in`, async () => {
    for (let i = 0; i < throttle.FAILURES_PER_CLIENT; i++) {
      expect(await attempt("jdoe", `wrong-${i}`, "203.0.113.5")).toMatch(/^Rucio refused the sign-in/);
    }
    const rows = await signInRows();
    const refused = await attempt("jdoe", "jdoe-secret", "203.0.113.5");
    expect(refused).toBe('Too many failed sign-ins for "jdoe": try again in 15 minutes');
    // The case of the username does not open a new count.
    expect(await attempt("JDOE", "jdoe-secret", "203.0.113.5")).toMatch(/^Too many failed sign-ins/);
    expect(await signInRows()).toBe(rows);
  });

  it("keeps the count in the database: a fresh portal process refuses too, and rows hold no names", async () => {
    expect(await attempt("jdoe", "jdoe-secret", "203.0.113.5", await authorizer(true))).toMatch(
      /^Too many failed sign-ins/,
    );
    const stored = await db.signInThrottle.findMany();
    expect(stored.map((row) => row.failures).sort()).toEqual([5, 5]);
    expect(JSON.stringify(stored)).not.toMatch(/jdoe|203\.0\.113/);
  });

  it("lets jdoe in from another client, which leaves the first client's count alone", async () => {
    expect(await attempt("jdoe", "jdoe-secret", "203.0.113.6")).toBe("signed in");
    expect(await attempt("jdoe", "jdoe-secret", "203.0.113.5")).toMatch(/^Too many failed sign-ins/);
  });

  it("lets jdoe in again once the window has passed, and forgets the failures", async () => {
    await db.signInThrottle.updateMany({
      data: { windowStart: new Date(Date.now() - throttle.SIGN_IN_WINDOW_MS - 1000) },
    });
    expect(await attempt("jdoe", "jdoe-secret", "203.0.113.5")).toBe("signed in");
    expect(await db.signInThrottle.count()).toBe(0);
  });

  it("gives a client that forges X-Forwarded-For (no trusted proxy in front) no new budget", async () => {
    vi.stubEnv("PORTAL_TRUSTED_PROXIES", "");
    try {
      const authorize = await authorizer(true);
      const username = `nobody-${randomBytes(4).toString("hex")}`;
      for (let i = 0; i < throttle.FAILURES_PER_CLIENT; i++) {
        expect(await attempt(username, "guess", `192.0.2.${i}`, authorize)).toMatch(/^Rucio refused the sign-in/);
      }
      expect(await attempt(username, "guess", "192.0.2.99", authorize)).toBe(
        `Too many failed sign-ins for "${username}": try again in 15 minutes`,
      );
    } finally {
      vi.stubEnv("PORTAL_TRUSTED_PROXIES", "127.0.0.1");
      await authorizer(true);
    }
  });

  it("lets alice in within seconds after an attacker's 100 failures on her username from 20 other clients", async () => {
    const authorize = await authorizer();
    // Rounds of 20 guesses at once, one per client, as a spread-out attacker would send them.
    for (let round = 0; round < throttle.FAILURES_PER_CLIENT; round++) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, client) => attempt("alice", `guess-${round}`, `192.0.2.${client}`, authorize)),
      );
      expect(answers.every((answer) => answer.startsWith("Rucio refused the sign-in"))).toBe(true);
    }
    // Each of those clients is out of guesses for alice...
    expect(await attempt("alice", "guess-6", "192.0.2.7", authorize)).toMatch(/^Too many failed sign-ins for "alice"/);
    // ...and alice herself waits at most the longest delay.
    const started = Date.now();
    expect(await attempt("alice", "alice-secret", "198.51.100.33", authorize)).toBe("signed in");
    expect(Date.now() - started).toBeGreaterThanOrEqual(throttle.MAX_USERNAME_DELAY_MS - 50);
    expect(Date.now() - started).toBeLessThan(throttle.MAX_USERNAME_DELAY_MS + 5_000);
  });

  it("makes attempts on a username wait once it has failures from anywhere, doubling up to the cap", () => {
    expect([0, 2, 3, 4, 5, 6, 7, 100].map(throttle.usernameDelayMs)).toEqual([0, 0, 500, 1000, 2000, 4000, 8000, 8000]);
  });

  it("counts concurrent attempts from one client before Rucio answers: no more than 5 reach Rucio", async () => {
    const authorize = await authorizer();
    const username = `nobody-${randomBytes(4).toString("hex")}`;
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => attempt(username, "guess", "203.0.113.40", authorize)),
    );
    expect(answers.filter((answer) => answer.startsWith("Rucio refused the sign-in"))).toHaveLength(
      throttle.FAILURES_PER_CLIENT,
    );
    expect(answers.filter((answer) => answer.startsWith("Too many failed sign-ins"))).toHaveLength(
      12 - throttle.FAILURES_PER_CLIENT,
    );
  });

  it("does not count what Rucio never judged: an empty form, an unknown instance, an unreachable Rucio", async () => {
    const before = await db.signInThrottle.findMany({ orderBy: { key: "asc" } });
    expect(await attempt("alice", "", "203.0.113.7")).toBe("Enter your password");
    const authorize = await authorizer();
    const unknown = await authorize({ username: "alice", password: "x", instance: "elsewhere" }, { headers: {} }).catch(
      (error: Error) => error.message,
    );
    expect(unknown).toBe('Unknown Rucio instance "elsewhere"');
    const rucioUrl = process.env.RUCIO_URL;
    vi.stubEnv("RUCIO_URL", "http://127.0.0.1:9");
    vi.stubEnv("RUCIO_RETRIES", "0");
    try {
      expect(await attempt("alice", "x", "203.0.113.7", await authorizer(true))).toBe(
        'Rucio instance "default" cannot be reached; try again later',
      );
    } finally {
      vi.stubEnv("RUCIO_URL", rucioUrl);
      vi.stubEnv("RUCIO_RETRIES", undefined);
      await authorizer(true);
    }
    const after = await db.signInThrottle.findMany({ orderBy: { key: "asc" } });
    expect(after.filter((row) => row.failures > 0)).toEqual(before.filter((row) => row.failures > 0));
  });
});
