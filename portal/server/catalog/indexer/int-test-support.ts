import "server-only";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { migrate } from "../../../../prisma/migrate";
import { connectDatabase, type DatabaseConnection } from "@/server/db/client";
import {
  defaultInstanceName,
  getDid,
  getDidsMetaBulk,
  searchDidNames,
  serviceCaller,
  type DidMeta,
} from "@/server/rucio";
import { rucioCli } from "../../../../testing/local-rucio";
import { REPO_ROOT } from "../../../../testing/repo-root";
import type { ScratchDatabase } from "../../../../testing/scratch-database";

// Support for the indexer's integration tests against the local Rucio (rucio/up.sh).

export const instance = defaultInstanceName();
/** A scope of the tests' own, so that what they add and delete never touches the demo data. */
export const TEST_SCOPE = "indexer_test";

export async function migratedDatabase(scratch: ScratchDatabase): Promise<DatabaseConnection> {
  await migrate({ databaseUrl: scratch.url });
  return connectDatabase(scratch.url);
}

export async function listNames(scope: string): Promise<string[]> {
  const names: string[] = [];
  for await (const name of searchDidNames(serviceCaller(instance), scope, { type: "collection" })) names.push(name);
  return names;
}

/** Metadata straight from Rucio, and for open collections the sizes Rucio counts itself (GET /dids with dynamic depth). */
export async function rucioView(
  scope: string,
  names: string[],
): Promise<Map<string, { meta: DidMeta; files: number | null; bytes: number | null }>> {
  const caller = serviceCaller(instance);
  const view = new Map<string, { meta: DidMeta; files: number | null; bytes: number | null }>();
  for (let start = 0; start < names.length; start += 1000) {
    const batch = names.slice(start, start + 1000).map((name) => ({ scope, name }));
    for await (const meta of getDidsMetaBulk(caller, batch)) {
      let files = typeof meta.length === "number" ? meta.length : null;
      let bytes = typeof meta.bytes === "number" ? meta.bytes : null;
      if (meta.is_open) ({ length: files, bytes } = await getDid(caller, scope, meta.name));
      view.set(meta.name, { meta, files, bytes });
    }
  }
  return view;
}

export async function ensureTestScope(): Promise<void> {
  const scopes = await rucioCli("root", ["scope", "list"]);
  if (!scopes.includes(TEST_SCOPE)) await rucioCli("root", ["scope", "add", TEST_SCOPE, "--account", "root"]);
}

export async function addDataset(name: string, meta: Record<string, string>, lifetimeSeconds?: number): Promise<void> {
  const lifetime = lifetimeSeconds ? ["--lifetime", String(lifetimeSeconds)] : [];
  await rucioCli("root", ["did", "add", "--type", "dataset", ...lifetime, `${TEST_SCOPE}:${name}`]);
  for (const [key, value] of Object.entries(meta)) await setMetadata(name, key, value);
}

export function setMetadata(name: string, key: string, value: string): Promise<string> {
  return rucioCli("root", ["did", "metadata", "set", `${TEST_SCOPE}:${name}`, "--key", key, "--value", value]);
}

/** Rucio's undertaker daemon, once: it deletes every DID whose lifetime has run out. */
export async function runUndertaker(): Promise<void> {
  const command = 'source rucio/lib.sh && server_env "$VENV/bin/rucio-undertaker" --run-once';
  await promisify(execFile)("bash", ["-c", command], { cwd: REPO_ROOT, timeout: 120_000 });
}

/** The CLI as `npm run index` starts it: one Node process (tsx as a loader), so a signal reaches the indexer itself. */
export function cliCommand(args: string[]): { command: string; args: string[]; env: Record<string, string> } {
  return {
    command: process.execPath,
    args: ["--conditions=react-server", "--import", "tsx", join(REPO_ROOT, "portal/scripts/index-catalog.ts"), ...args],
    env: { TSX_TSCONFIG_PATH: join(REPO_ROOT, "portal/tsconfig.json") },
  };
}
