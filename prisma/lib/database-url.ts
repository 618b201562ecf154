import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Repository root: relative SQLite paths in DATABASE_URL are resolved against it, never against the cwd.
 * (Not `new URL("../..", import.meta.url)`: bundlers such as Turbopack read that as an asset to resolve.)
 */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "../../");

export const DEFAULT_DATABASE_URL = "file:.local/portal.db";

export type SqliteTarget = { provider: "sqlite"; url: string; path: string };
export type PostgresTarget = {
  provider: "postgresql";
  url: string;
  schema: string | undefined;
  connectionLimit: number | undefined;
};
export type DatabaseTarget = SqliteTarget | PostgresTarget;

/**
 * Reads DATABASE_URL: `file:<path>` selects SQLite, `postgresql://` (or `postgres://`) PostgreSQL.
 * For PostgreSQL the `schema` and `connection_limit` query parameters (Prisma's conventions) are taken
 * out of the URL and returned: the driver would not understand them.
 */
export function resolveDatabaseUrl(raw: string | undefined, root: string = repoRoot): DatabaseTarget {
  const value = raw?.trim() || DEFAULT_DATABASE_URL;
  if (value.startsWith("file:")) {
    // Prisma-style SQLite URLs may carry options after `?` (e.g. connection_limit); the driver takes a path.
    const rawPath = value.slice("file:".length).split("?")[0] ?? "";
    const decoded = rawPath.startsWith("//") ? fileURLToPath(value.split("?")[0] ?? value) : rawPath;
    if (!decoded) throw new Error(`DATABASE_URL "${value}" names no SQLite file`);
    const path = isAbsolute(decoded) ? decoded : resolve(root, decoded);
    return { provider: "sqlite", url: `file:${path}`, path };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    const url = new URL(value);
    const schema = url.searchParams.get("schema") ?? undefined;
    const limit = url.searchParams.get("connection_limit");
    const connectionLimit = limit === null ? undefined : Number(limit);
    if (connectionLimit !== undefined && !(Number.isInteger(connectionLimit) && connectionLimit > 0)) {
      throw new Error(`DATABASE_URL: connection_limit must be a positive integer, got "${limit}"`);
    }
    url.searchParams.delete("schema");
    url.searchParams.delete("connection_limit");
    return { provider: "postgresql", url: url.toString(), schema, connectionLimit };
  }
  throw new Error(
    `DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL), got "${redact(value)}"`,
  );
}

/** The URL with any password replaced, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.provider === "sqlite") return `SQLite ${target.path}`;
  const schema = target.schema ? ` (schema ${target.schema})` : "";
  return `PostgreSQL ${redact(target.url)}${schema}`;
}
