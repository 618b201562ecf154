import "server-only";
import { tokenize } from "@/lib/catalog/search-text";
import {
  type FieldName,
  type FieldTerm,
  type MetaTerm,
  type Query,
  type TextTerm,
  printQuery,
} from "@/lib/catalog/query";
import { NOT_SEARCHABLE } from "../indexer/did-row";
import { asciiLower, compose, type Dialect, join, lowerColumn, type Sql, sql, timestamp } from "./sql";

/**
 * A query compiled for one dialect. The hits are the rows that satisfy `fts` (when present) and every
 * condition of `rows`; `walkRows` alone defines the same hits without the full-text index (phrases as
 * substring tests on the search text), for plans that read rows in an index's order instead.
 */
export interface Filter {
  dialect: Dialect;
  /** Full-text condition for the index: an FTS5 MATCH expression or a tsquery, null without positive text. */
  fts: string | null;
  rows: Sql[];
  walkRows: Sql[];
  /** Whether there is positive free text, which relevance ranks by. */
  ranked: boolean;
  /** The first free-text term, lower-cased: relevance ranks the names that start with it first. */
  namePrefix: string | null;
  /** No condition at all: the whole catalog. */
  unfiltered: boolean;
  /** A condition narrows the rows through an index by equality or a value prefix (not a range). */
  narrowed: boolean;
  /** Canonical text of the query and instance, a cache key. */
  key: string;
}

type Phrase = { tokens: string[]; prefix: boolean };

/** The column behind each text field (name is matched apart, by its own index). */
export const TEXT_COLUMNS = {
  scope: "scope",
  project: "project",
  datatype: "datatype",
  stream: "streamName",
  prod_step: "prodStep",
  version: "version",
  campaign: "campaign",
  account: "account",
  instance: "instance",
} as const satisfies Partial<Record<FieldName, string>>;
/**
 * Fields whose values are in every DID's search text (searchTextFor indexes the scope and Rucio's string
 * metadata; these DID columns are strings in Rucio): a value's tokens are a necessary condition the
 * full-text index can check, which finds e.g. scope:A datatype:B without reading every row of A.
 */
const SEARCH_TEXT_FIELDS = new Set<FieldName>([
  "scope",
  "project",
  "datatype",
  "stream",
  "prod_step",
  "version",
  "campaign",
]);

/**
 * Tokens the full-text index can require of a field term's hits. SQLite can combine the conditions of a
 * query only through the full-text index; PostgreSQL combines btree indexes itself and is better
 * served by them than by GIN on tokens as frequent as a data type's. A name pattern with a literal start
 * is a btree range already.
 */
function requiredTokens(dialect: Dialect, term: FieldTerm): Phrase[] {
  const { value, field } = term;
  if (value.type !== "text") return [];
  if (field === "name") return value.pattern && /^[*?]/.test(value.text) ? patternTokens(value.text) : [];
  if (dialect !== "sqlite" || !SEARCH_TEXT_FIELDS.has(field)) return [];
  if (value.pattern) return patternTokens(value.text);
  const tokens = tokenize(value.text);
  return tokens.length ? [{ tokens, prefix: false }] : [];
}

/**
 * Tokens the full-text index can require of a `meta.KEY` term's hits: a string value of a top-level key
 * is in the DID's search text (toDidRow), unless the key is one kept out of it. Not when the value could
 * also match a number or a boolean, which the search text does not hold.
 */
function metaRequiredTokens(term: MetaTerm): Phrase[] {
  const v = term.value;
  if (term.negated || v.type !== "text" || v.number !== null || NOT_SEARCHABLE.has(term.key)) return [];
  if (/^(true|false)$/i.test(v.text)) return [];
  if (v.pattern) return patternTokens(v.text);
  const tokens = tokenize(v.text);
  return tokens.length ? [{ tokens, prefix: false }] : [];
}

/** Fields whose values the search migration indexes (lower(column), or the column for run). */
const NARROWING_FIELDS = new Set<FieldName>([
  "scope",
  "project",
  "datatype",
  "stream",
  "version",
  "campaign",
  "name",
  "run",
]);
const NUMBER_COLUMNS: Partial<Record<FieldName, string>> = {
  run: "runNumber",
  events: "events",
  files: "length",
  size: "bytes",
};

/** `searchText` is its tokens joined by single spaces: a phrase is a substring between token boundaries. */
const needle = (phrase: Phrase) => ` ${phrase.tokens.join(" ")}${phrase.prefix ? "" : " "}`;

function containsPhrase(dialect: Dialect, phrase: Phrase, present: boolean): Sql {
  const position =
    dialect === "sqlite" ? `instr(' ' || "searchText" || ' ', ?)` : `strpos(' ' || "searchText" || ' ', ?)`;
  return sql(`${position} ${present ? ">" : "="} 0`, needle(phrase));
}

function ftsExpression(dialect: Dialect, phrases: Phrase[], tokens: Phrase[]): string | null {
  if (phrases.length + tokens.length === 0) return null;
  if (dialect === "sqlite") {
    // Tokens hold letters and digits only, so quoting them cannot produce FTS5 syntax.
    return [...phrases, ...tokens].map((p) => `"${p.tokens.join(" ")}"${p.prefix ? "*" : ""}`).join(" AND ");
  }
  // The GIN index finds rows holding every token; the phrase order is checked on the row (containsPhrase,
  // or the LIKE of a name pattern). A short prefix stands for too many index entries to merge (tid* for
  // every task id): the row check alone enforces it.
  const all = [...phrases, ...tokens].flatMap((p) =>
    p.tokens.flatMap((token, i) => {
      if (!p.prefix || i < p.tokens.length - 1) return [`'${token}'`];
      return token.length >= PG_MIN_PREFIX ? [`'${token}':*`] : [];
    }),
  );
  return all.length ? [...new Set(all)].join(" & ") : null;
}

/** Shortest prefix PostgreSQL's GIN index is asked to expand. */
const PG_MIN_PREFIX = 4;

/** Tokens every value matching a pattern must contain: whole ones, and prefixes of the last one. */
export function patternTokens(pattern: string): Phrase[] {
  const out: Phrase[] = [];
  const pieces = pattern.split(/([*?])/);
  pieces.forEach((piece, index) => {
    if (piece === "" || piece === "*" || piece === "?") return;
    const openLeft = index > 0 && /^[\p{L}\p{N}]/u.test(piece);
    const openRight = index < pieces.length - 1 && /[\p{L}\p{N}]$/u.test(piece);
    const tokens = tokenize(piece);
    tokens.forEach((token, i) => {
      if (i === 0 && openLeft) return;
      const prefix = i === tokens.length - 1 && openRight;
      if (!prefix || token.length >= 2) out.push({ tokens: [token], prefix });
    });
  });
  return out;
}

/** A LIKE pattern for `*`/`?` wildcards; %, _ and \ typed literally are escaped with \. */
const likePattern = (text: string) =>
  text
    .replace(/[\\%_]/g, (c) => `\\${c}`)
    .replace(/\*/g, "%")
    .replace(/\?/g, "_");

function textCondition(dialect: Dialect, column: string, value: string, pattern: boolean): Sql {
  const expr = lowerColumn(dialect, column);
  const lowered = asciiLower(value);
  if (!pattern) return sql(`${expr} = ?`, lowered);
  const conditions = [sql(`${expr} LIKE ? ESCAPE '\\'`, likePattern(lowered))];
  // A literal start bounds the index range the LIKE can scan; only for ASCII, whose byte order is plain.
  const literal = /^[\x20-\x7e]*/.exec(lowered.split(/[*?]/)[0]!)![0];
  if (literal.length > 0 && literal.at(-1) !== "~") {
    const upper = literal.slice(0, -1) + String.fromCharCode(literal.charCodeAt(literal.length - 1) + 1);
    conditions.push(sql(`${expr} >= ? AND ${expr} < ?`, literal, upper));
  }
  return join(conditions, " AND ");
}

/** The name starts with `prefix` (already lower-cased), ignoring ASCII case. */
export const namePrefixCondition = (dialect: Dialect, prefix: string) =>
  textCondition(dialect, "name", `${prefix.replace(/[*?]/g, "")}*`, true);

function numberCondition(dialect: Dialect, column: string, term: FieldTerm): Sql {
  // int4 columns compared with a bigint parameter: no overflow error for values beyond 2^31.
  const param = dialect === "sqlite" ? "?" : "CAST(? AS bigint)";
  const v = term.value;
  if (v.type === "numberRange") return sql(`"${column}" BETWEEN ${param} AND ${param}`, v.from, v.to);
  if (v.type !== "number") throw new Error(`number field with ${v.type} value`);
  const op = term.op === ":" ? "=" : term.op;
  return sql(`"${column}" ${op} ${param}`, v.value);
}

function dateCondition(dialect: Dialect, term: FieldTerm): Sql {
  const v = term.value;
  if (v.type !== "date" && v.type !== "dateRange") throw new Error(`date field with ${v.type} value`);
  const at = (ms: number) => timestamp(dialect, ms);
  const column = `"rucioCreatedAt"`;
  const from = (ms: number) => ({ text: `${column} >= ${at(ms).text}`, params: at(ms).params });
  const before = (ms: number) => ({ text: `${column} < ${at(ms).text}`, params: at(ms).params });
  if (term.op === ">=") return from(v.start);
  if (term.op === ">") return from(v.end);
  if (term.op === "<") return before(v.start);
  if (term.op === "<=") return before(v.end);
  return join([from(v.start), before(v.end)], " AND ");
}

function fieldCondition(dialect: Dialect, term: FieldTerm): { test: Sql; nullable: string | null } {
  const { field, value } = term;
  const textColumn = (TEXT_COLUMNS as Partial<Record<FieldName, string>>)[field];
  if (textColumn && value.type === "text")
    return { test: textCondition(dialect, textColumn, value.text, value.pattern), nullable: textColumn };
  if (field === "name" && value.type === "text")
    return { test: textCondition(dialect, "name", value.text, value.pattern), nullable: null };
  if (field === "type" && value.type === "didType")
    return { test: sql(`"didType" = ?`, value.didType), nullable: null };
  if (field === "created") return { test: dateCondition(dialect, term), nullable: "rucioCreatedAt" };
  const numberColumn = NUMBER_COLUMNS[field];
  if (numberColumn) return { test: numberCondition(dialect, numberColumn, term), nullable: numberColumn };
  throw new Error(`no condition for ${field}`);
}

/** SQL for one metadata key of the `meta` document: its JSON type, its value as SQL text, as a number. */
function metaAccess(dialect: Dialect, key: string) {
  if (dialect === "sqlite") {
    const path = `$."${key}"`; // the parser allows letters, digits, _ and - only
    return {
      type: sql(`json_type("meta", ?)`, path),
      text: sql(`json_extract("meta", ?)`, path),
      number: sql(`json_extract("meta", ?)`, path),
      types: { text: "'text'", number: "'integer', 'real'" },
      isBoolean: (value: "true" | "false") => sql(`json_type("meta", ?) = ?`, path, value),
    };
  }
  const type = sql(`jsonb_typeof("meta" -> CAST(? AS text))`, key);
  return {
    type,
    text: sql(`("meta" ->> CAST(? AS text)) COLLATE "C"`, key),
    // CASE: PostgreSQL may evaluate a cast before the type test beside it.
    number: compose`(CASE WHEN ${type} = 'number' THEN ("meta" ->> ${sql("CAST(? AS text)", key)})::numeric END)`,
    types: { text: "'string'", number: "'number'" },
    isBoolean: (value: "true" | "false") => sql(`"meta" -> CAST(? AS text) = CAST(? AS jsonb)`, key, value),
  };
}

/**
 * `meta.KEY` over the stored metadata. The result is never NULL (a missing key is false), so that an
 * exclusion holds for DIDs without the key.
 */
function metaCondition(dialect: Dialect, term: MetaTerm): Sql {
  const meta = metaAccess(dialect, term.key);
  const param = dialect === "sqlite" ? "?" : "CAST(? AS numeric)";
  const isNumber = compose`${meta.type} IN (${meta.types.number})`;
  const v = term.value;
  const alternatives: Sql[] = [];
  if (v.type === "numberRange")
    alternatives.push(compose`${isNumber} AND ${meta.number} BETWEEN ${sql(`${param} AND ${param}`, v.from, v.to)}`);
  else if (v.type === "number")
    alternatives.push(compose`${isNumber} AND ${meta.number} ${sql(`${term.op} ${param}`, v.value)}`);
  else {
    const lowered = asciiLower(v.text);
    const textTest = v.pattern ? sql(`LIKE ? ESCAPE '\\'`, likePattern(lowered)) : sql("= ?", lowered);
    alternatives.push(compose`${meta.type} = ${meta.types.text} AND lower(${meta.text}) ${textTest}`);
    if (v.number !== null) alternatives.push(compose`${isNumber} AND ${meta.number} ${sql(`= ${param}`, v.number)}`);
    if (lowered === "true" || lowered === "false") alternatives.push(meta.isBoolean(lowered));
  }
  const any = join(
    alternatives.map((alternative) => compose`(${alternative})`),
    " OR ",
  );
  const falseWhenNull = dialect === "sqlite" ? "0" : "false";
  return compose`COALESCE(${any}, ${falseWhenNull})`;
}

/** An excluded term holds for rows where the column is empty too (NOT of NULL would drop them). */
function negate({ test, nullable }: { test: Sql; nullable: string | null }): Sql {
  const not = { text: `NOT (${test.text})`, params: test.params };
  return nullable ? { text: `("${nullable}" IS NULL OR ${not.text})`, params: not.params } : not;
}

export function compileFilter(query: Query, dialect: Dialect, instance?: string): Filter {
  const phrases: Phrase[] = [];
  const required: Phrase[] = [];
  const rows: Sql[] = [];
  const walkRows: Sql[] = [];
  let narrowed = false;
  const both = (condition: Sql) => {
    rows.push(condition);
    walkRows.push(condition);
  };
  if (instance !== undefined) both(sql(`"instance" = ?`, instance));
  for (const term of query.terms) {
    if (term.kind === "text") {
      const phrase = { tokens: term.tokens, prefix: term.prefix };
      if (term.negated) both(containsPhrase(dialect, phrase, false));
      else {
        phrases.push(phrase);
        walkRows.push(containsPhrase(dialect, phrase, true));
        // FTS5 phrases are exact; the GIN index only knows the tokens are there.
        if (dialect === "postgresql") rows.push(containsPhrase(dialect, phrase, true));
      }
      continue;
    }
    if (term.kind === "meta") {
      const condition = metaCondition(dialect, term);
      both(term.negated ? compose`NOT ${condition}` : condition);
      required.push(...metaRequiredTokens(term));
      continue;
    }
    const condition = fieldCondition(dialect, term);
    if (term.negated) both(negate(condition));
    else {
      both(condition.test);
      const value = term.value;
      const prefixed = value.type !== "text" || !value.pattern || /^[^*?]/.test(value.text);
      narrowed ||= NARROWING_FIELDS.has(term.field) && term.op === ":" && prefixed;
      required.push(...requiredTokens(dialect, term));
    }
  }
  return {
    dialect,
    fts: ftsExpression(dialect, phrases, required),
    rows,
    walkRows,
    ranked: phrases.length > 0,
    namePrefix: namePrefixOf(query.terms.filter((t): t is TextTerm => t.kind === "text" && !t.negated)),
    unfiltered: query.terms.length === 0 && instance === undefined,
    narrowed,
    key: `${instance ?? ""}\u0000${printQuery(query)}`,
  };
}

function namePrefixOf([first]: TextTerm[]): string | null {
  return first ? asciiLower(first.text) : null;
}
