import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireFromPortal } from "./portal-modules.mjs";

/**
 * Throwaway databases for tests and for computing migration diffs. PostgreSQL ones are created on the
 * server SCRATCH_POSTGRES_URL names (default: the local server, user postgres, trust auth).
 */
const adminUrl = () => process.env.SCRATCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** @param {string} label part of the database name, to tell leftovers apart */
export async function createScratchPostgres(label) {
  const name = `rucio_catalog_${label}_${process.pid}_${Date.now().toString(36)}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  await runAdmin(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => runAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** @param {string} label */
export async function createScratchSqlite(label) {
  const dir = mkdtempSync(join(tmpdir(), `rucio-catalog-${label}-`));
  return { url: `file:${join(dir, "scratch.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** @param {"sqlite" | "postgresql"} provider @param {string} label */
export function createScratchDatabase(provider, label) {
  return provider === "sqlite" ? createScratchSqlite(label) : createScratchPostgres(label);
}

async function runAdmin(sql) {
  const { Client } = requireFromPortal("pg");
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
