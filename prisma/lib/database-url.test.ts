import { describe, expect, it } from "vitest";
import { DEFAULT_DATABASE_URL, redact, repoRoot, resolveDatabaseUrl } from "./database-url";

describe("resolveDatabaseUrl (migrator)", () => {
  it("defaults to the SQLite file .local/portal.db under the repository root", () => {
    expect(DEFAULT_DATABASE_URL).toBe("file:.local/portal.db");
    expect(resolveDatabaseUrl(undefined)).toEqual({
      provider: "sqlite",
      url: `file:${repoRoot}.local/portal.db`,
      path: `${repoRoot}.local/portal.db`,
    });
    expect(resolveDatabaseUrl("  ").provider).toBe("sqlite");
  });

  it("resolves relative SQLite paths against the given root, keeps absolute ones, drops ?options", () => {
    expect(resolveDatabaseUrl("file:./data/x.db?connection_limit=1", "/srv/app")).toMatchObject({
      path: "/srv/app/data/x.db",
    });
    expect(resolveDatabaseUrl("file:/var/lib/x.db", "/srv/app")).toMatchObject({ url: "file:/var/lib/x.db" });
    expect(resolveDatabaseUrl("file:///var/lib/my%20x.db", "/srv/app")).toMatchObject({ path: "/var/lib/my x.db" });
  });

  it("takes Prisma's ?schema= out of a PostgreSQL URL", () => {
    expect(resolveDatabaseUrl("postgresql://u:p@db:5432/cat?schema=catalog&sslmode=require")).toEqual({
      provider: "postgresql",
      url: "postgresql://u:p@db:5432/cat?sslmode=require",
      schema: "catalog",
      connectionLimit: undefined,
    });
    expect(resolveDatabaseUrl("postgres://db/cat")).toMatchObject({ provider: "postgresql", schema: undefined });
  });

  it("takes Prisma's ?connection_limit= out as the pool size, and refuses a bad one", () => {
    expect(resolveDatabaseUrl("postgresql://db/cat?connection_limit=3")).toEqual({
      provider: "postgresql",
      url: "postgresql://db/cat",
      schema: undefined,
      connectionLimit: 3,
    });
    expect(() => resolveDatabaseUrl("postgresql://db/cat?connection_limit=0")).toThrow(
      /connection_limit must be a positive integer/,
    );
  });

  it("rejects other URLs without echoing a password", () => {
    expect(() => resolveDatabaseUrl("mysql://root:hunter2@db/x")).toThrow(
      /must start with "file:".*mysql:\/\/root:\*\*\*@db\/x/,
    );
    expect(redact("postgresql://u:secret@h/db")).toBe("postgresql://u:***@h/db");
  });
});
