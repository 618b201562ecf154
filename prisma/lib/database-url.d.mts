// Types of database-url.mjs for TypeScript importers.
export type SqliteTarget = { provider: "sqlite"; url: string; path: string };
export type PostgresTarget = { provider: "postgresql"; url: string; schema: string | undefined; connectionLimit: number | undefined };
export type DatabaseTarget = SqliteTarget | PostgresTarget;

/** Absolute path of the repository root, with a trailing slash. */
export declare const repoRoot: string;
export declare const DEFAULT_DATABASE_URL: string;
export declare function resolveDatabaseUrl(raw: string | undefined, root?: string): DatabaseTarget;
export declare function redact(url: string): string;
export declare function describeTarget(target: DatabaseTarget): string;
