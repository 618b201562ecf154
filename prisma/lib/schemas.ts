import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The two Prisma schemas, rendered from the one models file. A datasource's provider cannot come from an
 * env var and migrations are per provider, so each provider keeps its own schema + migrations folder.
 */
export const PROVIDERS = ["sqlite", "postgresql"] as const;

export type Provider = (typeof PROVIDERS)[number];

/** Folder of each provider under prisma/ (and of its generated client under portal/generated/). */
export const PROVIDER_DIRS: Record<Provider, string> = { sqlite: "sqlite", postgresql: "postgres" };

export const prismaDir = fileURLToPath(new URL("..", import.meta.url));

export function schemaPath(provider: Provider): string {
  return `${prismaDir}${PROVIDER_DIRS[provider]}/schema.prisma`;
}

export function migrationsPath(provider: Provider): string {
  return `${prismaDir}${PROVIDER_DIRS[provider]}/migrations`;
}

/** The schema of `provider`, given the contents of prisma/models.prisma. */
export function renderSchema(provider: Provider, models: string): string {
  const dir = PROVIDER_DIRS[provider];
  const header = `// Generated from prisma/models.prisma by prisma/render-schemas.ts: edit the models there.

generator client {
  provider               = "prisma-client"
  output                 = "../../portal/generated/${dir}"
  runtime                = "nodejs"
  moduleFormat           = "esm"
  generatedFileExtension = "ts"
  importFileExtension    = ""
}

datasource db {
  provider = "${provider}"
}

`;
  return header + models;
}

/**
 * Tables the migrations create by raw SQL and the models do not describe (full-text search), per provider.
 * Migration diffs leave them alone; for an SQLite FTS5 table list the table, its shadow tables follow.
 */
export const RAW_SQL_TABLES: Record<Provider, string[]> = { sqlite: ["DidSearch", "DidSearchSample"], postgresql: [] };

const FTS5_SHADOW_SUFFIXES = ["_config", "_content", "_data", "_docsize", "_idx"];

export function rawSqlTables(provider: Provider): string[] {
  const tables = RAW_SQL_TABLES[provider];
  if (provider !== "sqlite") return tables;
  return tables.flatMap((table) => [table, ...FTS5_SHADOW_SUFFIXES.map((suffix) => table + suffix)]);
}

export function readModels(): string {
  return readFileSync(`${prismaDir}models.prisma`, "utf8");
}
