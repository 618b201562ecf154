import { describe, expect, it } from "vitest";
import { checksumMatches, checksumOf } from "./migration-files";
import { MigrationError, planMigrations } from "./plan";

const migration = (name: string, script: string) => ({
  name,
  file: `/m/${name}/migration.sql`,
  script,
  checksum: checksumOf(script),
});
const row = (name: string, checksum: string, extra: Record<string, unknown> = {}) => ({
  migration_name: name,
  checksum,
  logs: null,
  started_at: "2026-11-24T21:00:00.000+00:00",
  finished_at: "2026-11-24T21:00:01.000+00:00",
  rolled_back_at: null,
  ...extra,
});

const first = migration("20260101000000_init", "CREATE TABLE a (id INTEGER);\n");
const second = migration("20260102000000_more", "CREATE TABLE b (id INTEGER);\n");

describe("checksums", () => {
  it("are the sha256 hex of the script, as Prisma's engine records them", () => {
    expect(checksumOf("hello")).toBe("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  });

  it("match across LF/CRLF conversion but not across any other change", () => {
    expect(checksumMatches("a\r\nb\r\n", checksumOf("a\nb\n"))).toBe(true);
    expect(checksumMatches("a\nb\n", checksumOf("a\r\nb\r\n"))).toBe(true);
    expect(checksumMatches("a\nb", checksumOf("a\nb\n"))).toBe(false);
  });

  it("match the unpadded hex strings old engine versions wrote", () => {
    const script = "x"; // its sha256 has bytes below 0x10, so the unpadded form is shorter
    const unpadded = [...Buffer.from(checksumOf(script), "hex")].map((byte) => byte.toString(16)).join("");
    expect(unpadded.length).toBeLessThan(64);
    expect(checksumMatches(script, unpadded)).toBe(true);
  });
});

describe("planMigrations", () => {
  it("applies everything on an empty history, in the given order", () => {
    expect(planMigrations([first, second], [])).toEqual({ pending: [first, second], applied: [], unknown: [] });
  });

  it("skips applied migrations and ignores rolled-back rows", () => {
    const rows = [row(first.name, first.checksum), row(second.name, second.checksum, { rolled_back_at: "2026-11-25" })];
    const plan = planMigrations([first, second], rows);
    expect(plan.pending.map((m) => m.name)).toEqual([second.name]);
    expect(plan.applied).toEqual([first.name]);
  });

  it("lists applied migrations that have no file", () => {
    expect(
      planMigrations([first], [row(first.name, first.checksum), row("20270101000000_newer", "f".repeat(64))]).unknown,
    ).toEqual(["20270101000000_newer"]);
  });

  it("refuses a history whose applied file changed, naming file and both checksums", () => {
    const changed = migration(first.name, "CREATE TABLE a (id BIGINT);\n");
    expect(() => planMigrations([changed], [row(first.name, first.checksum)])).toThrow(MigrationError);
    expect(() => planMigrations([changed], [row(first.name, first.checksum)])).toThrow(
      `${first.name}: applied with sha256 ${first.checksum}, but /m/${first.name}/migration.sql now has sha256 ${changed.checksum}`,
    );
  });

  it("refuses a history with an unfinished migration", () => {
    const rows = [row(first.name, first.checksum, { finished_at: null, logs: "relation already exists\nmore" })];
    expect(() => planMigrations([first], rows)).toThrow(
      /never finished:\n {2}- 20260101000000_init: relation already exists\n/,
    );
  });
});
