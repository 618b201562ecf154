import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ScratchDatabase } from "../../../prisma/lib/scratch-databases.mjs";
import { useScratchDatabase } from "../staging/testing/scratch-database";

// The sign-in rate limit through the credentials provider next-auth calls (its thrown message is what
// the sign-in form shows), against the real local Rucio, with the counts in a scratch database.

let scratch: ScratchDatabase;
let db: Awaited<typeof import("@/server/db/client")>["db"];
let throttle: typeof import("./sign-in-throttle");

type Authorize = (credentials: Record<string, string>, request: { headers: Record<string, string> }) => Promise<unknown>;

/** The provider's authorize(), from a fresh import of the auth modules when asked (a new "replica"). */
async function authorizer(fresh = false): Promise<Authorize> {
  if (fresh) vi.resetModules();
  const { getAuthOptions } = await import("./options");
  const providers = getAuthOptions().providers as unknown as { options?: { id?: string; authorize: Authorize } }[];
  return providers.find((provider) => provider.options?.id === "rucio-userpass")!.options!.authorize;
}

async function attempt(username: string, password: string, client: string, authorize?: Authorize): Promise<string> {
  const signIn = authorize ?? (await authorizer());
  return signIn({ username, password, csrfToken: "x" }, { headers: { "x-forwarded-for": `198.51.100.200, ${client}` } }).then(
    () => "signed in",
    (error: Error) => error.message,
  );
}

const signInRows = () => db.rucioCredential.count();

beforeAll(async () => {
  vi.stubEnv("NEXTAUTH_SECRET", randomBytes(32).toString("base64url"));
  vi.stubEnv("RUCIO_INSTANCES", undefined);
  scratch = await useScratchDatabase("sign_in_throttle");
  ({ db } = await import("@/server/db/client"));
  throttle = await import("./sign-in-throttle");
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await scratch?.drop();
  vi.unstubAllEnvs();
});

describe("sign-in rate limit", () => {
  it("takes the client from the last X-Forwarded-For entry, the one the nearest proxy appended", () => {
    expect(throttle.clientAddress({ "x-forwarded-for": "203.0.113.9, 10.0.0.1" })).toBe("10.0.0.1");
    expect(throttle.clientAddress({ "x-forwarded-for": "2001:db8::1" })).toBe("2001:db8::1");
    expect(throttle.clientAddress({})).toBe("unknown");
    expect(throttle.clientAddress({ "x-forwarded-for": ["a"] })).toBe("unknown");
  });

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
    expect(await attempt("jdoe", "jdoe-secret", "203.0.113.5", await authorizer(true))).toMatch(/^Too many failed sign-ins/);
    const stored = await db.signInThrottle.findMany();
    expect(stored.map((row) => row.failures).sort()).toEqual([5, 5]);
    expect(JSON.stringify(stored)).not.toMatch(/jdoe|203\.0\.113/);
  });

  it("lets jdoe in from another client, which leaves the first client's count alone", async () => {
    expect(await attempt("jdoe", "jdoe-secret", "203.0.113.6")).toBe("signed in");
    expect(await attempt("jdoe", "jdoe-secret", "203.0.113.5")).toMatch(/^Too many failed sign-ins/);
  });

  it("lets jdoe in again once the window has passed, and forgets the failures", async () => {
    await db.signInThrottle.updateMany({ data: { windowStart: new Date(Date.now() - throttle.SIGN_IN_WINDOW_MS - 1000) } });
    expect(await attempt("jdoe", "jdoe-secret", "203.0.113.5")).toBe("signed in");
    expect(await db.signInThrottle.count()).toBe(0);
  });

  it(`refuses a username after ${20} failures spread over many (forged) client addresses`, async () => {
    const username = `nobody-${randomBytes(4).toString("hex")}`;
    const authorize = await authorizer();
    for (let i = 0; i < throttle.FAILURES_PER_USERNAME; i++) {
      expect(await attempt(username, "guess", `192.0.2.${i}`, authorize)).toMatch(/^Rucio refused the sign-in/);
    }
    expect(await attempt(username, "guess", "192.0.2.250", authorize)).toMatch(new RegExp(`^Too many failed sign-ins for "${username}"`));
  });

  it("does not count what Rucio never judged: an empty form, an unknown instance", async () => {
    const before = await db.signInThrottle.count();
    expect(await attempt("alice", "", "203.0.113.7")).toBe("Enter your password");
    const authorize = await authorizer();
    const unknown = await authorize({ username: "alice", password: "x", instance: "elsewhere" }, { headers: {} }).catch((error: Error) => error.message);
    expect(unknown).toBe('Unknown Rucio instance "elsewhere"');
    expect(await db.signInThrottle.count()).toBe(before);
  });
});
