import "server-only";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type DatabaseTarget, resolveDatabaseUrl as resolveAgainst } from "../../../prisma/lib/database-url";

/**
 * Which database DATABASE_URL names: the migrator's own reading (prisma/lib/database-url), with the
 * repository root found from the cwd, since a Next.js bundle does not keep that module's location.
 */
export type { DatabaseTarget };

/** The repository root: the nearest folder at or above `start` holding prisma/models.prisma. */
export function findRepoRoot(start: string = process.cwd()): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "prisma", "models.prisma"))) return dir;
    if (dirname(dir) === dir) return resolve(start);
  }
}

export function resolveDatabaseUrl(raw: string, root: string = findRepoRoot()): DatabaseTarget {
  return resolveAgainst(raw, root);
}
