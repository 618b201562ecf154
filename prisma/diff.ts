// What the next migration has to do: applies the committed migrations of each provider to a scratch
// database and asks Prisma's schema engine (WebAssembly build) for the SQL from there to the models.
//   npm run db:diff                        print that SQL for both providers
//   npm run db:diff -- --create <name>     write it as prisma/{sqlite,postgres}/migrations/<timestamp>_<name>/
// Review the SQL before committing it; add raw SQL (full-text search) to the files by hand.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { resolveDatabaseUrl } from "./lib/database-url";
import { isMainModule } from "./lib/main-module";
import { createScratchDatabase } from "./lib/scratch-databases";
import { migrationsPath, type Provider, PROVIDERS, rawSqlTables, schemaPath } from "./lib/schemas";
import { diffDatabaseToSchema } from "./lib/wasm-schema-engine";
import { migrate } from "./migrate";
import { renderSchemas } from "./render-schemas";

const EMPTY_DIFF = /^\s*-- This is an empty migration\.\s*$/;

/**
 * SQL from the committed migrations' end state to prisma/<provider>/schema.prisma ("" when in step);
 * `schema` is the schema's text, when not the committed file.
 */
export async function pendingSchemaChanges(provider: Provider, schema?: string): Promise<string> {
  const scratch = await createScratchDatabase(provider, "diff");
  try {
    await migrate({ databaseUrl: scratch.url });
    const path = schemaPath(provider);
    const sql = await diffDatabaseToSchema(
      resolveDatabaseUrl(scratch.url),
      { path, content: schema ?? readFileSync(path, "utf8") },
      rawSqlTables(provider),
    );
    return EMPTY_DIFF.test(sql) ? "" : sql;
  } finally {
    await scratch.drop();
  }
}

/** Prisma's migration folder timestamp, UTC: yyyyMMddHHmmss. */
const migrationTimestamp = (date: Date = new Date()) => date.toISOString().replace(/\D/g, "").slice(0, 14);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { create: { type: "string" } } });
  if (values.create !== undefined && !/^[a-z0-9_]+$/.test(values.create)) {
    throw new Error("--create takes a name of lowercase letters, digits and _ (e.g. add_did_search)");
  }
  renderSchemas();
  const changes = {} as Record<Provider, string>;
  for (const provider of PROVIDERS) changes[provider] = await pendingSchemaChanges(provider);
  if (PROVIDERS.every((provider) => changes[provider] === "")) {
    console.log("The migrations are in step with prisma/models.prisma: nothing to migrate.");
    return;
  }
  if (values.create === undefined) {
    for (const provider of PROVIDERS) console.log(`-- ${provider}\n${changes[provider] || "-- (no changes)\n"}`);
    return;
  }
  const folder = `${migrationTimestamp()}_${values.create}`;
  for (const provider of PROVIDERS) {
    const dir = join(migrationsPath(provider), folder);
    mkdirSync(dir);
    writeFileSync(join(dir, "migration.sql"), changes[provider] || "-- This is an empty migration.\n");
    console.log(`wrote ${dir}/migration.sql`);
  }
}

if (isMainModule(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
