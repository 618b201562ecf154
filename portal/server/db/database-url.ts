import "server-only";
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Which database DATABASE_URL names. Mirrors prisma/lib/database-url.mjs (the migrator's reading of the
 * same variable; a unit test keeps the two in agreement): that module finds the repository root from its
 * own location, which a Next.js bundle does not preserve, so here the root is found from the cwd.
 */
export type DatabaseTarget =
  | { provider: "sqlite"; url: string; path: string }
  | { provider: "postgresql"; url: string; schema: string | undefined };

/** Same default as env.ts, for a DATABASE_URL that is set but blank. */
const DEFAULT_DATABASE_URL = "file:.local/portal.db";

/** The repository root: the nearest folder at or above `start` holding prisma/models.prisma. */
export function findRepoRoot(start: string = process.cwd()): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "prisma", "models.prisma"))) return dir;
    if (dirname(dir) === dir) return resolve(start);
  }
}

export function resolveDatabaseUrl(raw: string, root: string = findRepoRoot()): DatabaseTarget {
  const value = raw.trim() || DEFAULT_DATABASE_URL;
  if (value.startsWith("file:")) {
    const withoutOptions = value.split("?")[0] ?? value;
    const rawPath = withoutOptions.slice("file:".length);
    const decoded = rawPath.startsWith("//") ? fileURLToPath(withoutOptions) : rawPath;
    if (!decoded) throw new Error(`DATABASE_URL "${value}" names no SQLite file`);
    const path = isAbsolute(decoded) ? decoded : resolve(root, decoded);
    return { provider: "sqlite", url: `file:${path}`, path };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    const url = new URL(value);
    const schema = url.searchParams.get("schema") ?? undefined;
    url.searchParams.delete("schema");
    return { provider: "postgresql", url: url.toString(), schema };
  }
  throw new Error('DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL)');
}
