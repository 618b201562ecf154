import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { migrationsPath, PROVIDERS, readModels, renderSchema, schemaPath } from "./lib/schemas";

describe("the two provider schemas", () => {
  it.each(PROVIDERS)("%s schema is exactly what prisma/models.prisma renders to", (provider) => {
    // On failure: run `node --import tsx prisma/render-schemas.ts` (or `npm run db:generate`) after editing models.prisma.
    expect(readFileSync(schemaPath(provider), "utf8")).toBe(renderSchema(provider, readModels()));
  });

  it("differ only in the datasource provider and the client output folder", () => {
    const [sqlite, postgres] = PROVIDERS.map((provider) => renderSchema(provider, readModels()).split("\n"));
    const differing = sqlite!.flatMap((line, i) =>
      line === postgres![i] ? [] : [[line.trim(), postgres![i]!.trim()]],
    );
    expect(differing).toEqual([
      [
        'output                 = "../../portal/generated/sqlite"',
        'output                 = "../../portal/generated/postgres"',
      ],
      ['provider = "sqlite"', 'provider = "postgresql"'],
    ]);
  });
});

describe("the two migration histories", () => {
  const migrationNames = (provider: (typeof PROVIDERS)[number]) =>
    readdirSync(migrationsPath(provider), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();

  it("have a migration of the same name in each provider for every schema change", () => {
    expect(migrationNames("sqlite")).toEqual(migrationNames("postgresql"));
    expect(migrationNames("sqlite").length).toBeGreaterThan(0);
  });

  it("use Prisma's folder names <14-digit timestamp>_<name>", () => {
    for (const name of migrationNames("sqlite")) expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
  });

  it.each(PROVIDERS)("%s migration_lock.toml names its provider", (provider) => {
    const lock = readFileSync(`${migrationsPath(provider)}/migration_lock.toml`, "utf8");
    expect(lock).toMatch(new RegExp(`^provider = "${provider}"$`, "m"));
  });

  it.each(PROVIDERS)("%s migrations create a table for every model", (provider) => {
    const sql = migrationNames(provider)
      .map((name) => readFileSync(`${migrationsPath(provider)}/${name}/migration.sql`, "utf8"))
      .join("\n");
    const models = [...readModels().matchAll(/^model (\w+) \{/gm)].map((match) => match[1]);
    for (const model of models) expect(sql).toContain(`CREATE TABLE "${model}"`);
  });
});
