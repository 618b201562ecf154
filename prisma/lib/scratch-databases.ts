import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type pg from "pg";
import { requireFromPortal } from "./portal-modules";
import type { Provider } from "./schemas";

/** A database that exists for one test or diff and is removed by `drop`. */
export type ScratchDatabase = { url: string; drop(): Promise<void> };

/**
 * Throwaway databases for tests and for computing migration diffs. PostgreSQL ones are created on the
 * server SCRATCH_POSTGRES_URL names (default: the local server, user postgres, trust auth).
 */
const adminUrl = () => process.env.SCRATCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** `label` becomes part of the database name, to tell leftovers apart. */
export async function createScratchPostgres(label: string): Promise<ScratchDatabase> {
  const name = `rucio_catalog_${label}_${process.pid}_${Date.now().toString(36)}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_");
  await runAdmin(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => runAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

export async function createScratchSqlite(label: string): Promise<ScratchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `rucio-catalog-${label}-`));
  return { url: `file:${join(dir, "scratch.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export function createScratchDatabase(provider: Provider, label: string): Promise<ScratchDatabase> {
  return provider === "sqlite" ? createScratchSqlite(label) : createScratchPostgres(label);
}

async function runAdmin(sql: string): Promise<void> {
  const { Client } = requireFromPortal("pg") as typeof pg;
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
