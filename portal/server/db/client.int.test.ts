import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate } from "../../../prisma/migrate";
import { connectDatabase, type Database } from "./client";
import { eachProvider, useMigratedDatabase } from "./int-test-support";
import { RECORDED_DATASET, RECORDED_DATASET_FACETS } from "../catalog/recorded-dataset.fixture";
import { createScratchPostgres } from "../../../testing/scratch-database";

// The migrations are hand-checked SQL, not diffed from the schema at run time: these round trips through
// the generated clients are what proves that the migrated database and the client agree, model by model.
describe.each(eachProvider("client"))("generated client on a freshly migrated $name database", ({ create }) => {
  let db: Database;
  useMigratedDatabase(create, (connection) => {
    db = connection.client;
  });

  it("round-trips the catalog models: instance, scope, DID, checkpoint", async () => {
    await db.rucioInstance.create({ data: { name: "cern", url: "https://rucio.example" } });
    await db.scope.create({ data: { instance: "cern", name: "data18_13TeV", account: "root" } });
    const hugeBytes = 2n ** 62n; // beyond 2^53: must survive as BigInt, not as a float
    const created = await db.did.create({
      data: {
        instance: "cern",
        scope: "data18_13TeV",
        name: RECORDED_DATASET,
        didType: "DATASET",
        bytes: hugeBytes,
        length: 12,
        rucioCreatedAt: new Date("2018-07-01T10:00:00.123Z"),
        account: "root",
        availability: "AVAILABLE",
        meta: { run_number: 348885, tags: ["r13286", "p4910"], nested: { ok: true } },
        ...RECORDED_DATASET_FACETS,
        events: 5_000_000_000n,
      },
    });
    expect(created.id).toBeGreaterThan(0);

    const found = await db.did.findUniqueOrThrow({
      where: { instance_scope_name: { instance: "cern", scope: "data18_13TeV", name: created.name } },
      include: { scopeRef: { include: { rucioInstance: true } } },
    });
    expect(found.bytes).toBe(hugeBytes);
    expect(found.events).toBe(5_000_000_000n);
    expect(found.meta).toEqual({ run_number: 348885, tags: ["r13286", "p4910"], nested: { ok: true } });
    expect(found.rucioCreatedAt?.toISOString()).toBe("2018-07-01T10:00:00.123Z");
    expect(found.scopeRef.rucioInstance.url).toBe("https://rucio.example");
    expect(await db.did.count({ where: { datatype: "DAOD_PHYS", runNumber: { gte: 348000 } } })).toBe(1);

    await expect(
      db.did.create({ data: { instance: "cern", scope: "data18_13TeV", name: created.name, didType: "DATASET" } }),
    ).rejects.toMatchObject({ code: "P2002" });

    const updated = await db.did.update({ where: { id: created.id }, data: { campaign: "MC20a" } });
    expect(updated.campaign).toBe("MC20a");

    const checkpoint = await db.indexCheckpoint.create({
      data: { instance: "cern", scope: "data18_13TeV", state: "RUNNING", startedAt: new Date() },
    });
    expect(checkpoint.didsSeen).toBe(0);
    const advanced = await db.indexCheckpoint.update({
      where: { instance_scope: { instance: "cern", scope: "data18_13TeV" } },
      data: { state: "DONE", cursor: created.name, didsSeen: { increment: 3 }, didsWritten: 3, finishedAt: new Date() },
    });
    expect(advanced).toMatchObject({ state: "DONE", cursor: created.name, didsSeen: 3, didsWritten: 3 });
    expect(advanced.updatedAt.getTime()).toBeGreaterThanOrEqual(checkpoint.updatedAt.getTime());

    // Deleting a scope takes its DIDs and checkpoint with it (ON DELETE CASCADE).
    await db.scope.delete({ where: { instance_name: { instance: "cern", name: "data18_13TeV" } } });
    expect(await db.did.count()).toBe(0);
    expect(await db.indexCheckpoint.count()).toBe(0);
  });

  it("round-trips the next-auth models: user, account, session, verification token", async () => {
    const user = await db.user.create({ data: { name: "Jane Doe", email: "jdoe@example.org" } });
    await db.account.create({
      data: {
        userId: user.id,
        type: "credentials",
        provider: "rucio-userpass",
        providerAccountId: "jdoe",
        expires_at: 1_900_000_000,
      },
    });
    const expires = new Date(Date.now() + 3_600_000);
    await db.session.create({ data: { sessionToken: "session-token-1", userId: user.id, expires } });
    await db.verificationToken.create({ data: { identifier: "jdoe@example.org", token: "verify-1", expires } });

    const withRelations = await db.user.findUniqueOrThrow({
      where: { email: "jdoe@example.org" },
      include: { accounts: true, sessions: true },
    });
    expect(withRelations.accounts[0]?.providerAccountId).toBe("jdoe");
    expect(withRelations.sessions[0]?.expires.getTime()).toBe(expires.getTime());

    const token = await db.verificationToken.delete({
      where: { identifier_token: { identifier: "jdoe@example.org", token: "verify-1" } },
    });
    expect(token.token).toBe("verify-1");
    await db.session.update({ where: { sessionToken: "session-token-1" }, data: { expires: new Date(0) } });
    await db.account.update({
      where: { provider_providerAccountId: { provider: "rucio-userpass", providerAccountId: "jdoe" } },
      data: { access_token: "opaque" },
    });

    await db.user.delete({ where: { id: user.id } });
    expect(await db.account.count()).toBe(0);
    expect(await db.session.count()).toBe(0);
  });

  it("round-trips staging requests and their events", async () => {
    await db.rucioInstance.upsert({
      where: { name: "cern" },
      create: { name: "cern", url: "https://rucio.example" },
      update: {},
    });
    const user = await db.user.create({ data: { name: "alice" } });
    const request = await db.stagingRequest.create({
      data: {
        userId: user.id,
        instance: "cern",
        account: "alice",
        scope: "mc20_13TeV",
        name: "mc20_13TeV.700320.Sh_2211_Zee.deriv.DAOD_PHYS.e8351_s3681_r13167_p5057",
        mode: "RULE",
        destination: "SWAN-MOUNT",
        filesTotal: 4,
        bytesTotal: 3n * 2n ** 40n,
        progressTokenHash: "f".repeat(64),
        events: { create: { kind: "CREATED", data: { by: "alice" } } },
      },
    });
    expect(request).toMatchObject({ state: "QUEUED", filesDone: 0, bytesDone: 0n, ruleId: null });

    await db.stagingRequest.update({
      where: { id: request.id },
      data: {
        state: "REPLICATING",
        ruleId: "0123456789abcdef0123456789abcdef",
        filesDone: 2,
        bytesDone: { increment: 2n ** 40n },
        startedAt: new Date(),
        events: { create: { kind: "STATE", message: "rule created" } },
      },
    });
    const reread = await db.stagingRequest.findUniqueOrThrow({
      where: { progressTokenHash: "f".repeat(64) },
      include: { events: { orderBy: { id: "asc" } } },
    });
    expect(reread.bytesDone).toBe(2n ** 40n);
    expect(reread.events.map((event) => event.kind)).toEqual(["CREATED", "STATE"]);
    expect(reread.events[0]?.data).toEqual({ by: "alice" });

    const active = await db.stagingRequest.findMany({
      where: { userId: user.id, state: { in: ["QUEUED", "REPLICATING"] } },
    });
    expect(active).toHaveLength(1);

    await db.stagingEvent.deleteMany({ where: { requestId: request.id, kind: "STATE" } });
    expect(await db.stagingEvent.count()).toBe(1);

    // A staging request pins its Rucio instance (ON DELETE RESTRICT) ...
    await expect(db.rucioInstance.delete({ where: { name: "cern" } })).rejects.toThrow();
    // ... and goes away, with its events, when its user is deleted.
    await db.user.delete({ where: { id: user.id } });
    expect(await db.stagingRequest.count()).toBe(0);
    expect(await db.stagingEvent.count()).toBe(0);
    await db.rucioInstance.delete({ where: { name: "cern" } });
  });
});

describe("SQLite transactions", () => {
  const scratch = eachProvider("client_tx").find((provider) => provider.name === "SQLite")!;
  let db: Database;
  let file = "";
  useMigratedDatabase(scratch.create, (connection, url) => {
    db = connection.client;
    file = url.replace(/^file:/, "");
  });

  // With a deferred BEGIN the transaction would only read a snapshot: another process's write would go
  // through, and the transaction's own write would then be refused at once (SQLITE_BUSY_SNAPSHOT).
  it("hold the write lock from their start, so another process's write waits instead of breaking them", async () => {
    await db.rucioInstance.create({ data: { name: "cern", url: "https://rucio.example" } });
    let read: () => void = () => {};
    const hasRead = new Promise<void>((resolve) => (read = resolve));
    const transaction = db.$transaction(async (tx) => {
      await tx.rucioInstance.findMany();
      read();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await tx.rucioInstance.update({ where: { name: "cern" }, data: { url: "https://rucio-1.example" } });
    });
    await hasRead;
    // Another process's connection; no busy wait, since it would block this test's own event loop.
    const other = new BetterSqlite3(file, { timeout: 0 });
    try {
      expect(() => other.prepare(`UPDATE "RucioInstance" SET "url" = 'https://other.example'`).run()).toThrow(
        expect.objectContaining({ code: "SQLITE_BUSY" }),
      );
    } finally {
      other.close();
    }
    await transaction;
    expect((await db.rucioInstance.findUniqueOrThrow({ where: { name: "cern" } })).url).toBe("https://rucio-1.example");
  });
});

describe("generated client on PostgreSQL with ?schema=", () => {
  it("reads and writes the tables of that schema", async () => {
    const scratch = await createScratchPostgres("client_schema");
    const url = `${scratch.url}?schema=catalog`;
    const db = connectDatabase(url).client;
    try {
      await migrate({ databaseUrl: url });
      await db.rucioInstance.create({ data: { name: "cern", url: "https://rucio.example" } });
      const rows = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT "name" FROM "catalog"."RucioInstance"`);
      expect(rows).toEqual([{ name: "cern" }]);
    } finally {
      await db.$disconnect();
      await scratch.drop();
    }
  });
});
