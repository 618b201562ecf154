import "server-only";
import type { DatabaseConnection } from "@/server/db/client";
import { render, type Sql } from "./sql";
import { ReaderDeadlineError, type SqliteReaders } from "./sqlite-readers";

/** A search that ran past its deadline (SEARCH_DEADLINE_MS); the route answers 503. */
export class SearchTimeoutError extends Error {
  constructor(cause?: unknown) {
    super(
      "The search took too long; narrow it: add a word or a field value, or drop exclusions and wildcard patterns",
      { cause },
    );
    this.name = "SearchTimeoutError";
  }
}

/** When a search must end, in performance.now() milliseconds; null for no deadline. */
export type Deadline = number | null;

export const deadlineAfter = (ms: number | undefined): Deadline => (ms === undefined ? null : performance.now() + ms);

export type Rows = Record<string, unknown>[];
export type RunStatement = (statement: Sql, deadline: Deadline) => Promise<Rows>;

const PG_WORK_MEM = "64MB";
export const SQLITE_MMAP_BYTES = 8 * 2 ** 30;
export const SQLITE_CACHE_KIB = 64 * 1024;
/** PostgreSQL's code for a statement cancelled by statement_timeout. */
const PG_QUERY_CANCELED = "57014";

function cancelledByTimeout(error: unknown): boolean {
  const { code, meta } = error as { code?: string; meta?: { code?: string } };
  return code === PG_QUERY_CANCELED || meta?.code === PG_QUERY_CANCELED || String(error).includes(PG_QUERY_CANCELED);
}

/**
 * Runs a search's statements on one database, each bounded by the search's deadline.
 *
 * PostgreSQL: each statement runs in a transaction whose statement_timeout (set_config(..., true), the
 * same as SET LOCAL) is the time left, so the server cancels it at the deadline.
 * SQLite with `readers` (the portal's): statements run in reader threads (SqliteReaders), and one past the
 * deadline is given up then. Without (tests and benches that time the statements themselves): through
 * Prisma on the event loop, where better-sqlite3 (12) offers no sqlite3_interrupt nor progress handler, so
 * past the deadline no next statement starts and a search ends at most one statement late. In both, the
 * work of one statement is bounded by the query limits of lib/catalog/query/limits.ts.
 */
export function createStatementRunner(connection: DatabaseConnection, readers?: SqliteReaders): RunStatement {
  const { provider, client } = connection;
  let tuned: Promise<unknown> | undefined;

  // Searches read rows all over a large table: map the file and keep a bigger page cache (SQLite's
  // default 2 MB makes every row lookup a system call). Settings of the connection, set once.
  const tuneSqlite = async () => {
    await client.$queryRawUnsafe(`PRAGMA mmap_size = ${SQLITE_MMAP_BYTES}`);
    await client.$queryRawUnsafe(`PRAGMA cache_size = -${SQLITE_CACHE_KIB}`);
  };

  const runPostgres = async (
    statement: Sql,
    deadline: Deadline,
    { text, params }: { text: string; params: unknown[] },
  ) => {
    const settings: string[] = [];
    // PostgreSQL's default 4 MB of work_mem turns bitmaps of a few hundred thousand rows lossy, and a
    // lossy page re-runs to_tsvector on each of its rows; JIT compiling costs more than these queries.
    if (statement.large)
      settings.push(`set_config('work_mem', '${PG_WORK_MEM}', true)`, `set_config('jit', 'off', true)`);
    if (deadline !== null) {
      const left = Math.max(1, Math.ceil(deadline - performance.now()));
      settings.push(`set_config('statement_timeout', '${left}', true)`);
    }
    if (settings.length === 0) return client.$queryRawUnsafe<Rows>(text, ...params);
    try {
      const [, rows] = await client.$transaction([
        client.$queryRawUnsafe(`SELECT ${settings.join(", ")}`),
        client.$queryRawUnsafe<Rows>(text, ...params),
      ]);
      return rows;
    } catch (error) {
      if (deadline !== null && cancelledByTimeout(error)) throw new SearchTimeoutError(error);
      throw error;
    }
  };

  return async (statement, deadline) => {
    if (deadline !== null && performance.now() >= deadline) throw new SearchTimeoutError();
    const rendered = render(provider, statement);
    if (provider === "postgresql") return runPostgres(statement, deadline, rendered);
    if (readers) {
      try {
        return await readers.run(rendered.text, rendered.params, deadline);
      } catch (error) {
        throw error instanceof ReaderDeadlineError ? new SearchTimeoutError(error) : error;
      }
    }
    await (tuned ??= tuneSqlite());
    return client.$queryRawUnsafe<Rows>(rendered.text, ...rendered.params);
  };
}
