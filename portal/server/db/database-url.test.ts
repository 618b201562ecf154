import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveDatabaseUrl as resolveForMigrator } from "../../../prisma/lib/database-url";
import { findRepoRoot, resolveDatabaseUrl } from "./database-url";
import { REPO_ROOT } from "../../../testing/repo-root";

describe("the portal's reading of DATABASE_URL", () => {
  it.each([
    "",
    "file:.local/portal.db",
    "file:./data/x.db?connection_limit=1",
    "file:/var/lib/x.db",
    "file:///var/lib/my%20x.db",
    "postgresql://u:p@db:5432/cat?schema=catalog&sslmode=require",
    "postgres://db/cat",
  ])("agrees with the migrator's for %s", (url) => {
    expect(resolveDatabaseUrl(url, "/srv/app")).toEqual(resolveForMigrator(url, "/srv/app"));
  });

  it("finds the repository root from any folder inside it, as the migrator knows it", () => {
    expect(`${findRepoRoot(join(REPO_ROOT, "portal", "app"))}/`).toBe(REPO_ROOT);
  });

  it("falls back to the start folder outside a checkout", () => {
    const outside = mkdtempSync(join(tmpdir(), "no-repo-"));
    expect(findRepoRoot(outside)).toBe(outside);
    mkdirSync(join(outside, "prisma"));
    writeFileSync(join(outside, "prisma", "models.prisma"), "");
    expect(findRepoRoot(join(outside, "prisma"))).toBe(outside);
  });

  it("rejects unknown schemes", () => {
    expect(() => resolveDatabaseUrl("mysql://db/x", "/srv/app")).toThrow(/must start with "file:"/);
  });
});
