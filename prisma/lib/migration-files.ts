import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Provider } from "./schemas";

export type MigrationFile = { name: string; file: string; script: string; checksum: string };

/** sha256 of the script as Prisma's schema engine records it in `_prisma_migrations.checksum`. */
export function checksumOf(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

/**
 * Whether a recorded checksum belongs to this script. Like Prisma's engine, a checkout that changed the
 * line endings (git on Windows) still matches, and so do the unpadded hex strings of old engine versions.
 */
export function checksumMatches(script: string, recorded: string): boolean {
  const variants = [script, script.replace(/\r\n/g, "\n"), script.replace(/\r?\n/g, "\r\n")];
  return variants.some((variant) => {
    const digest = createHash("sha256").update(variant, "utf8").digest();
    const padded = digest.toString("hex");
    const unpadded = [...digest].map((byte) => byte.toString(16)).join("");
    return recorded === padded || recorded === unpadded;
  });
}

/**
 * The migrations of one provider in the order they apply: folders `<timestamp>_<name>` holding a
 * `migration.sql`, sorted by name, as Prisma sorts them. `provider` is checked against migration_lock.toml.
 */
export function readMigrations(dir: string, provider: Provider): MigrationFile[] {
  const lockProvider = readLockProvider(dir);
  if (lockProvider !== provider) {
    throw new Error(`${join(dir, "migration_lock.toml")} is for provider "${lockProvider}", not "${provider}"`);
  }
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = join(dir, name, "migration.sql");
      const script = readFileSync(file, "utf8");
      return { name, file, script, checksum: checksumOf(script) };
    });
}

function readLockProvider(dir: string): string | undefined {
  const lockFile = join(dir, "migration_lock.toml");
  if (!existsSync(lockFile)) throw new Error(`${lockFile} is missing`);
  const match = /^\s*provider\s*=\s*"([^"]+)"/m.exec(readFileSync(lockFile, "utf8"));
  if (!match) throw new Error(`${lockFile} names no provider`);
  return match[1];
}
