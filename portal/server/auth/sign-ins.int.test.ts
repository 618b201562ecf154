import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScratchDatabase, useScratchDatabase } from "../../../testing/scratch-database";

// Sign-ins on the portal's real database (SQLite, or PostgreSQL with the scratch helper's switch).

let scratch: ScratchDatabase;
let modules: Awaited<ReturnType<typeof load>>;
const load = async () => ({ signIns: await import("./sign-ins"), db: (await import("@/server/db/client")).db });

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64url");
  scratch = await useScratchDatabase("sign_ins");
  modules = await load();
});

afterAll(async () => {
  await modules?.db.$disconnect();
  await scratch?.drop();
});

describe("sign-ins", () => {
  it("keeps every one of many simultaneous first sign-ins of one account, all as one user", async () => {
    const account = `racer${randomBytes(4).toString("hex")}`;
    const token = () => ({
      token: randomBytes(24).toString("hex"),
      account,
      expiresAt: new Date(Date.now() + 3600_000),
    });
    const started = await Promise.all(
      Array.from({ length: 25 }, () => modules.signIns.startRucioTokenSignIn("default", token())),
    );
    expect(new Set(started.map((s) => s.userId)).size).toBe(1);
    const rows = await modules.db.rucioCredential.findMany({
      where: { id: { in: started.map((s) => s.credentialId) } },
    });
    expect(rows).toHaveLength(25);
    expect(await modules.db.user.count({ where: { name: account } })).toBe(1);
  });
});
