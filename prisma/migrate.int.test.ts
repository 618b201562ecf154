import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migrationsPath } from "./lib/schemas";
import { MigrationError, migrate } from "./migrate";
import { createScratchPostgres, createScratchSqlite, type ScratchDatabase } from "../testing/scratch-database";

/** The committed migrations in apply order (the same names in both providers), and the first of them. */
const COMMITTED = readdirSync(migrationsPath("sqlite"))
  .filter((entry) => /^\d{14}_/.test(entry))
  .sort();
const INIT = COMMITTED[0]!;

/** A copy of a provider's committed migrations that a test may add to or tamper with. */
function copyMigrations(provider: "sqlite" | "postgresql"): string {
  const dir = join(mkdtempSync(join(tmpdir(), "rucio-catalog-migrations-")), "migrations");
  cpSync(migrationsPath(provider), dir, { recursive: true });
  return dir;
}

function addMigration(dir: string, name: string, sql: string): void {
  mkdirSync(join(dir, name));
  writeFileSync(join(dir, name, "migration.sql"), sql);
}

const providers = [
  {
    name: "SQLite",
    provider: "sqlite" as const,
    create: () => createScratchSqlite("migrate"),
    tableNames: async (url: string) => {
      const db = new Database(url.slice("file:".length), { readonly: true });
      const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      db.close();
      return rows.map((row) => row.name);
    },
    exec: async (url: string, sql: string) => {
      const db = new Database(url.slice("file:".length));
      db.exec(sql);
      db.close();
    },
  },
  {
    name: "PostgreSQL",
    provider: "postgresql" as const,
    create: () => createScratchPostgres("migrate"),
    tableNames: async (url: string) => {
      const rows = await queryPostgres<{ tablename: string }>(
        url,
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
      );
      return rows.map((row) => row.tablename);
    },
    exec: async (url: string, sql: string) => void (await queryPostgres(url, sql)),
  },
];

async function queryPostgres<Row>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Row[];
  } finally {
    await client.end();
  }
}

describe.each(providers)("migrate() on $name", ({ provider, create, tableNames, exec }) => {
  let scratch: ScratchDatabase;
  let migrationsDir: string;

  beforeEach(async () => {
    scratch = await create();
    migrationsDir = copyMigrations(provider);
  });
  afterEach(async () => {
    await scratch.drop();
    rmSync(join(migrationsDir, ".."), { recursive: true, force: true });
  });

  it("applies the committed migrations to an empty database, and a second run is a no-op", async () => {
    const first = await migrate({ databaseUrl: scratch.url, migrationsDir });
    expect(first).toMatchObject({ provider, applied: COMMITTED, alreadyApplied: [] });
    expect(await tableNames(scratch.url)).toEqual(
      expect.arrayContaining(["_prisma_migrations", "Did", "StagingRequest"]),
    );

    const second = await migrate({ databaseUrl: scratch.url, migrationsDir });
    expect(second).toMatchObject({ applied: [], alreadyApplied: COMMITTED });
  });

  it("applies only the migrations added since the last run, in name order", async () => {
    await migrate({ databaseUrl: scratch.url, migrationsDir });
    addMigration(migrationsDir, "20261201000001_second", 'CREATE TABLE "Second" ("id" INTEGER PRIMARY KEY);');
    addMigration(migrationsDir, "20261201000002_third", 'ALTER TABLE "Second" ADD COLUMN "note" TEXT;');
    const result = await migrate({ databaseUrl: scratch.url, migrationsDir });
    expect(result.applied).toEqual(["20261201000001_second", "20261201000002_third"]);
  });

  it("reports a migration file changed after it was applied, and applies nothing", async () => {
    await migrate({ databaseUrl: scratch.url, migrationsDir });
    const file = join(migrationsDir, INIT, "migration.sql");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n-- edited later\n`);
    addMigration(migrationsDir, "20261201000001_second", 'CREATE TABLE "Second" ("id" INTEGER PRIMARY KEY);');

    const attempt = migrate({ databaseUrl: scratch.url, migrationsDir });
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(
      new RegExp(
        `changed after they were applied[\\s\\S]*${INIT}: applied with sha256 [0-9a-f]{64}, but .*migration.sql now has sha256 [0-9a-f]{64}`,
      ),
    );
    expect(await tableNames(scratch.url)).not.toContain("Second");
  });

  it("accepts an applied file whose line endings a checkout changed", async () => {
    await migrate({ databaseUrl: scratch.url, migrationsDir });
    const file = join(migrationsDir, INIT, "migration.sql");
    writeFileSync(file, readFileSync(file, "utf8").replace(/\n/g, "\r\n"));
    await expect(migrate({ databaseUrl: scratch.url, migrationsDir })).resolves.toMatchObject({ applied: [] });
  });

  it("rolls a failing migration back entirely and applies it once fixed", async () => {
    await migrate({ databaseUrl: scratch.url, migrationsDir });
    const name = "20261201000001_broken";
    addMigration(migrationsDir, name, 'CREATE TABLE "Half" ("id" INTEGER PRIMARY KEY);\nCREATE TABLE oops (;\n');

    await expect(migrate({ databaseUrl: scratch.url, migrationsDir })).rejects.toThrow(
      new RegExp(`Migration ${name} failed and was rolled back`),
    );
    expect(await tableNames(scratch.url)).not.toContain("Half");

    writeFileSync(join(migrationsDir, name, "migration.sql"), 'CREATE TABLE "Half" ("id" INTEGER PRIMARY KEY);\n');
    await expect(migrate({ databaseUrl: scratch.url, migrationsDir })).resolves.toMatchObject({ applied: [name] });
  });

  it("refuses to continue after a migration Prisma's engine left unfinished", async () => {
    await migrate({ databaseUrl: scratch.url, migrationsDir });
    await exec(
      scratch.url,
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "logs", "started_at", "applied_steps_count")
       VALUES ('00000000-0000-4000-8000-000000000000', '${"0".repeat(64)}', '20261201000001_crashed', 'syntax error', CURRENT_TIMESTAMP, 0)`,
    );
    await expect(migrate({ databaseUrl: scratch.url, migrationsDir })).rejects.toThrow(
      /started but never finished:\n {2}- 20261201000001_crashed: syntax error/,
    );
  });
});

describe("migrate() on SQLite, table redefinition", () => {
  let scratch: ScratchDatabase;
  let migrationsDir: string;
  beforeAll(async () => {
    scratch = await createScratchSqlite("redefine");
    migrationsDir = copyMigrations("sqlite");
  });
  afterAll(async () => {
    await scratch.drop();
    rmSync(join(migrationsDir, ".."), { recursive: true, force: true });
  });

  it("keeps the rows of tables that reference a redefined table (no cascade from the DROP)", async () => {
    await migrate({ databaseUrl: scratch.url, migrationsDir });
    const path = scratch.url.slice("file:".length);
    const db = new Database(path);
    db.exec(`INSERT INTO "RucioInstance" ("name", "url", "updatedAt") VALUES ('cern', 'https://rucio.example', '2026-01-01');
             INSERT INTO "Scope" ("instance", "name", "updatedAt") VALUES ('cern', 'user.jdoe', '2026-01-01');`);
    db.close();

    // The shape of Prisma's SQLite migrations for a changed column: copy, drop the old table, rename.
    addMigration(
      migrationsDir,
      "20261201000001_redefine_instance",
      `PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RucioInstance" ("name" TEXT NOT NULL PRIMARY KEY, "url" TEXT NOT NULL, "vo" TEXT NOT NULL DEFAULT 'def',
  "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, "updatedAt" DATETIME NOT NULL);
INSERT INTO "new_RucioInstance" ("name", "url", "createdAt", "updatedAt") SELECT "name", "url", "createdAt", "updatedAt" FROM "RucioInstance";
DROP TABLE "RucioInstance";
ALTER TABLE "new_RucioInstance" RENAME TO "RucioInstance";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
`,
    );
    await migrate({ databaseUrl: scratch.url, migrationsDir });

    const after = new Database(path, { readonly: true });
    expect(after.prepare('SELECT "name" FROM "Scope"').all()).toEqual([{ name: "user.jdoe" }]);
    expect(after.pragma("foreign_keys", { simple: true })).toBe(1);
    after.close();
  });
});

describe("migrate() on PostgreSQL", () => {
  let scratch: ScratchDatabase;
  afterEach(async () => scratch.drop());

  it("lets one of two concurrent runs apply and the other find nothing to do", async () => {
    scratch = await createScratchPostgres("concurrent");
    const runs = await Promise.all([migrate({ databaseUrl: scratch.url }), migrate({ databaseUrl: scratch.url })]);
    expect(runs.map((run) => run.applied.length).sort()).toEqual([0, COMMITTED.length]);
  });

  it("migrates into the schema named by ?schema=", async () => {
    scratch = await createScratchPostgres("schema");
    const url = `${scratch.url}?schema=catalog`;
    await migrate({ databaseUrl: url });
    const rows = await queryPostgres<{ schemaname: string }>(
      scratch.url,
      `SELECT DISTINCT schemaname FROM pg_tables WHERE tablename IN ('Did', '_prisma_migrations')`,
    );
    expect(rows).toEqual([{ schemaname: "catalog" }]);
    await expect(migrate({ databaseUrl: url })).resolves.toMatchObject({ applied: [] });
  });
});
