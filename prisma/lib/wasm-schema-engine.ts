import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import type pg from "pg";
import { type DatabaseTarget, repoRoot } from "./database-url";
import { requireFromPortal } from "./portal-modules";

/**
 * Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm), driven in-process through
 * the JS driver adapters. Used only to compute migration SQL (`prisma migrate diff` without the native
 * engine): the engine's protocol is internal to Prisma, so the package is pinned to the exact engine
 * build of the installed Prisma and checked here.
 */

const requireFromPrismaCli = createRequire(requireFromPortal.resolve("prisma/package.json"));
// A root devDependency: only the tooling in prisma/ uses it, never the portal.
const wasmPackageDir = dirname(createRequire(`${repoRoot}package.json`).resolve("@prisma/schema-engine-wasm"));

/** The wasm build must be the engine the installed Prisma CLI was released with. */
function assertMatchingEngineBuild(): void {
  const expected = requireFromPrismaCli("@prisma/engines-version/package.json").version;
  const actual = JSON.parse(readFileSync(join(wasmPackageDir, "package.json"), "utf8")).version;
  if (actual !== expected) {
    throw new Error(
      `@prisma/schema-engine-wasm is ${actual} but Prisma's engines are ${expected}: ` +
        `install @prisma/schema-engine-wasm@${expected} (exact) as a root devDependency`,
    );
  }
}

type EngineBindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let engineModule: EngineBindings | undefined;

async function loadEngineModule(): Promise<EngineBindings> {
  if (engineModule) return engineModule;
  assertMatchingEngineBuild();
  const bindings = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasm = readFileSync(join(wasmPackageDir, "schema_engine_bg.wasm"));
  // The wasm-bindgen glue module is the wasm's import object, as its own loader passes it.
  const imports = { "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports };
  const { instance } = await WebAssembly.instantiate(wasm, imports);
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  engineModule = bindings;
  return bindings;
}

/**
 * adapter-pg rejects the catalog's `"char"` and `name` columns (oids 18, 19) that introspection reads;
 * their values arrive as plain strings, so labelling them `text` is enough.
 */
function introspectablePostgresPool(connectionString: string): pg.Pool {
  const { Pool } = requireFromPortal("pg") as typeof pg;
  const relabel = (result: pg.QueryResult | undefined) => {
    for (const field of result?.fields ?? [])
      if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = 25;
    return result;
  };
  // pg.Pool's query() has a dozen overloads; the adapter only ever awaits it, so one promise-returning
  // override that relabels the result covers every call it makes.
  const pool = new Pool({ connectionString });
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult> | undefined;
  pool.query = (async (...args: unknown[]) => relabel(await query(...args))) as typeof pool.query;
  return pool;
}

/**
 * The engine's driver adapter for `target`, and a way to close the connections it opened (freeing the
 * engine does not, and an open connection keeps SQLite locked and Prisma's PostgreSQL advisory lock held).
 */
function adapterFor(target: DatabaseTarget) {
  const { bindMigrationAwareSqlAdapterFactory } = createRequire(requireFromPortal.resolve("@prisma/adapter-pg"))(
    "@prisma/driver-adapter-utils",
  ) as typeof import("@prisma/driver-adapter-utils");
  let factory: SqlMigrationAwareDriverAdapterFactory;
  if (target.provider === "sqlite") {
    const { PrismaBetterSqlite3 } = requireFromPortal(
      "@prisma/adapter-better-sqlite3",
    ) as typeof import("@prisma/adapter-better-sqlite3");
    factory = new PrismaBetterSqlite3({ url: target.url });
  } else {
    const { PrismaPg } = requireFromPortal("@prisma/adapter-pg") as typeof import("@prisma/adapter-pg");
    const options = { disposeExternalPool: true, ...(target.schema ? { schema: target.schema } : {}) };
    factory = new PrismaPg(introspectablePostgresPool(target.url), options);
  }
  const connections: SqlDriverAdapter[] = [];
  const track = async (connecting: Promise<SqlDriverAdapter>) => {
    const connection = await connecting;
    connections.push(connection);
    return connection;
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => track(factory.connect()),
    connectToShadowDb: () => track(factory.connectToShadowDb()),
  };
  return {
    adapter: bindMigrationAwareSqlAdapterFactory(tracked),
    close: async () => void (await Promise.all(connections.map((connection) => connection.dispose()))),
  };
}

export type SchemaFile = { path: string; content: string };

/** Runs `use` with an engine connected to `target`, then frees the engine and closes its connections. */
async function withEngine<T>(
  target: DatabaseTarget,
  schema: SchemaFile,
  use: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const { adapter, close } = adapterFor(target);
  try {
    const engine = await SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => {}, adapter);
    try {
      return await use(engine);
    } finally {
      engine.free();
    }
  } finally {
    await close();
  }
}

/**
 * SQL that takes the database `target` to the state `schema` describes; Prisma's own diff, as
 * `prisma migrate diff --from-config-datasource --to-schema <schema> --script` would print it.
 * `rawSqlTables`: tables the migrations create by raw SQL (not in the schema), left alone.
 */
export async function diffDatabaseToSchema(
  target: DatabaseTarget,
  schema: SchemaFile,
  rawSqlTables: string[] = [],
): Promise<string> {
  return withEngine(target, schema, async (engine) => {
    const result = await engine.diff({
      from: { tag: "schemaDatasource", files: [schema], configDir: dirname(schema.path) },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: { externalTables: rawSqlTables, externalEnums: [] },
    });
    return result.stdout ?? "";
  });
}

/**
 * `prisma migrate deploy` as Prisma's engine does it (the check that its bookkeeping and ours agree).
 * Returns the names of the migrations the engine applied.
 */
export async function deployWithPrismaEngine(
  target: DatabaseTarget,
  schema: SchemaFile,
  migrationsDir: string,
): Promise<string[]> {
  return withEngine(target, schema, async (engine) => {
    const migrationsList = readMigrationList(migrationsDir);
    const result = await engine.applyMigrations({ migrationsList, filters: { externalTables: [], externalEnums: [] } });
    return result.appliedMigrationNames;
  });
}

function readMigrationList(dir: string): MigrationList {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: readFileSync(join(dir, "migration_lock.toml"), "utf8") },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(join(dir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}
