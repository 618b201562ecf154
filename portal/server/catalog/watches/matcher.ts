import "server-only";
import type { FieldTerm, FieldValue, MetaTerm, Query, Term } from "@/lib/catalog/query";
import type { DidRow } from "../indexer/did-row";
import { TEXT_COLUMNS as SEARCH_TEXT_COLUMNS } from "../search/compile";
import { asciiLower } from "../search/sql";

/** The columns a query can test: what a watched search needs of a DID, now or before a change. */
export interface SearchableDid extends Pick<
  DidRow,
  "name" | "account" | "project" | "datatype" | "runNumber" | "streamName" | "prodStep" | "version" | "campaign"
> {
  instance: string;
  scope: string;
  didType: string;
  bytes: bigint | number | null;
  length: number | null;
  events: bigint | number | null;
  rucioCreatedAt: Date | null;
  searchText: string;
  /** The metadata document as Rucio returned it (`meta.KEY` terms). */
  meta: unknown;
}

/** A DID read once for many queries: its search text padded for phrase tests, its text columns lower-cased. */
export interface PreparedDid<D extends SearchableDid = SearchableDid> {
  did: D;
  paddedText: string;
  lower: Partial<Record<TextColumn, string | null>>;
  meta: Record<string, unknown>;
}

export type DidPredicate = (did: PreparedDid) => boolean;

/** The search's text columns, and the name, which the matcher tests the same way. */
export const TEXT_COLUMNS: Partial<Record<FieldTerm["field"], TextColumn>> = { ...SEARCH_TEXT_COLUMNS, name: "name" };
type TextColumn = (typeof SEARCH_TEXT_COLUMNS)[keyof typeof SEARCH_TEXT_COLUMNS] | "name";
const NUMBER_COLUMNS = { run: "runNumber", events: "events", files: "length", size: "bytes" } as const;

/** `*` any run, `?` one character, the rest literal: the LIKE the SQL search runs, as a regular expression. */
function patternRegex(lowered: string): RegExp {
  const body = [...lowered]
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`, "su");
}

/** Tests a column already lower-cased (PreparedDid.lower). */
function textTest(value: Extract<FieldValue, { type: "text" }>): (lowered: string) => boolean {
  const wanted = asciiLower(value.text);
  if (!value.pattern) return (lowered) => lowered === wanted;
  const regex = patternRegex(wanted);
  return (lowered) => regex.test(lowered);
}

function numberTest(term: FieldTerm): (n: number) => boolean {
  const v = term.value;
  if (v.type === "numberRange") return (n) => n >= v.from && n <= v.to;
  if (v.type !== "number") throw new Error(`number field with ${v.type} value`);
  const x = v.value;
  return {
    ":": (n: number) => n === x,
    ">": (n: number) => n > x,
    ">=": (n: number) => n >= x,
    "<": (n: number) => n < x,
    "<=": (n: number) => n <= x,
  }[term.op];
}

function dateTest(term: FieldTerm): (ms: number) => boolean {
  const v = term.value;
  if (v.type !== "date" && v.type !== "dateRange") throw new Error(`date field with ${v.type} value`);
  if (term.op === ">=") return (ms) => ms >= v.start;
  if (term.op === ">") return (ms) => ms >= v.end;
  if (term.op === "<") return (ms) => ms < v.start;
  if (term.op === "<=") return (ms) => ms < v.end;
  return (ms) => ms >= v.start && ms < v.end;
}

/** The term's test of the value, and the column it reads (null there: the term does not hold). */
function fieldPredicate(term: FieldTerm): { read: (did: PreparedDid) => unknown; test: (value: never) => boolean } {
  const { field, value } = term;
  const textColumn = TEXT_COLUMNS[field];
  if (textColumn && value.type === "text") return { read: (p) => p.lower[textColumn], test: textTest(value) };
  if (field === "type" && value.type === "didType")
    return { read: (p) => p.did.didType, test: (t: string) => t === value.didType };
  if (field === "created") return { read: (p) => p.did.rucioCreatedAt?.getTime() ?? null, test: dateTest(term) };
  if (field in NUMBER_COLUMNS) {
    const column = NUMBER_COLUMNS[field as keyof typeof NUMBER_COLUMNS];
    return { read: (p) => (p.did[column] === null ? null : Number(p.did[column])), test: numberTest(term) };
  }
  throw new Error(`no test for ${field}`);
}

/** `meta.KEY` as compile.ts's metaCondition: a string, a boolean or a number under the key, by the value's type. */
function metaPredicate(term: MetaTerm): DidPredicate {
  const v = term.value;
  let test: (value: unknown) => boolean;
  if (v.type !== "text") {
    const compare = numberTest({ ...term, kind: "field", field: "run", value: v });
    test = (value) => typeof value === "number" && compare(value);
  } else {
    const lowered = asciiLower(v.text);
    const text = textTest(v);
    test = (value) =>
      (typeof value === "string" && text(asciiLower(value))) ||
      (typeof value === "number" && value === v.number) ||
      (typeof value === "boolean" && String(value) === lowered);
  }
  const holds: DidPredicate = (p) => Object.hasOwn(p.meta, term.key) && test(p.meta[term.key]);
  return term.negated ? (did) => !holds(did) : holds;
}

function termPredicate(term: Term): DidPredicate {
  if (term.kind === "meta") return metaPredicate(term);
  if (term.kind === "text") {
    // The search text is its tokens joined by single spaces: a phrase is a substring between token boundaries.
    const needle = ` ${term.tokens.join(" ")}${term.prefix ? "" : " "}`;
    const holds: DidPredicate = (p) => p.paddedText.includes(needle);
    return term.negated ? (did) => !holds(did) : holds;
  }
  const { read, test } = fieldPredicate(term);
  const check = test as (value: unknown) => boolean;
  // As in SQL: an empty column fails a term and passes its exclusion.
  if (term.negated)
    return (did) => {
      const value = read(did);
      return value === null || value === undefined || !check(value);
    };
  return (did) => {
    const value = read(did);
    return value !== null && value !== undefined && check(value);
  };
}

/**
 * A query as a test of one DID, with the search's semantics (portal/server/catalog/search/compile.ts):
 * an integration test holds the two to the same answers on both databases. Watched searches test the
 * DIDs an indexing run changed with it, instead of asking the database once per watch.
 */
export function compilePredicate(query: Query): DidPredicate {
  const terms = query.terms.map(termPredicate);
  return (did) => terms.every((holds) => holds(did));
}

export function prepareDid<D extends SearchableDid>(did: D): PreparedDid<D> {
  const lower: PreparedDid["lower"] = {};
  for (const column of Object.values(TEXT_COLUMNS)) {
    const value = did[column];
    lower[column] = value === null ? null : asciiLower(value);
  }
  return { did, paddedText: ` ${did.searchText} `, lower, meta: metaObject(did.meta) };
}

/** Prisma hands JSON columns over parsed; a change log entry may hold the document as text. */
function metaObject(meta: unknown): Record<string, unknown> {
  const value = typeof meta === "string" ? (JSON.parse(meta) as unknown) : meta;
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
