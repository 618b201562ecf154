import "server-only";

/**
 * SQL text with its bound values. Every value a user typed travels as a parameter: the text holds
 * only `?` placeholders, written by this module, and no other `?` (PostgreSQL's are numbered on render).
 */
export interface Sql {
  text: string;
  params: unknown[];
  /** The statement builds bitmaps over many rows (PostgreSQL then gets memory for them, see search.ts). */
  large?: boolean;
}

export type Dialect = "sqlite" | "postgresql";

export const sql = (text: string, ...params: unknown[]): Sql => {
  if ((text.match(/\?/g) ?? []).length !== params.length) throw new Error(`placeholder count mismatch in: ${text}`);
  return { text, params };
};

/** Fragments joined by `separator` (", ", " AND " …), parameters in order. */
export function join(parts: Sql[], separator: string): Sql {
  return { text: parts.map((part) => part.text).join(separator), params: parts.flatMap((part) => part.params) };
}

/** Template-style composition: `compose\`SELECT ${a} FROM x WHERE ${b}\``. */
export function compose(strings: TemplateStringsArray, ...parts: (Sql | string)[]): Sql {
  let text = strings[0]!;
  const params: unknown[] = [];
  parts.forEach((part, index) => {
    if (typeof part === "string") text += part;
    else {
      text += part.text;
      params.push(...part.params);
    }
    text += strings[index + 1]!;
  });
  return { text, params };
}

export function render(dialect: Dialect, fragment: Sql): { text: string; params: unknown[] } {
  if (dialect === "sqlite") return fragment;
  let n = 0;
  return { text: fragment.text.replace(/\?/g, () => `$${++n}`), params: fragment.params };
}

/** ASCII-only lower case, the folding both dialects' lower() apply (SQLite's; PostgreSQL's under "C"). */
export const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The expression an index covers for case-insensitive matching of a column (see the search migration). */
export const lowerColumn = (dialect: Dialect, column: string) =>
  dialect === "sqlite" ? `lower("${column}")` : `lower("${column}" COLLATE "C")`;

/** A column compared and ordered by byte value (SQLite's BINARY, PostgreSQL's "C"). */
export const binaryColumn = (dialect: Dialect, column: string) =>
  dialect === "sqlite" ? `"${column}"` : `"${column}" COLLATE "C"`;

/** A timestamp parameter: Prisma's SQLite adapter stores ISO-8601 text with +00:00, PostgreSQL a timestamp. */
export function timestamp(dialect: Dialect, epochMs: number): Sql {
  const iso = new Date(epochMs).toISOString();
  return dialect === "sqlite" ? sql("?", iso.replace("Z", "+00:00")) : sql("CAST(? AS timestamp)", iso);
}

/** Epoch milliseconds of a timestamp column as a raw query returns it (Date, ISO text, or null). */
export function epochOf(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  const ms = Date.parse(String(value));
  return Number.isNaN(ms) ? null : ms;
}

/** A count or size column as a JSON-safe number (raw queries return BigInt for BIGINT columns). */
export function numberOf(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === "bigint" ? Number(value) : Number(value);
}
