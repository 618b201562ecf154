import type { FieldName } from "./fields";

/** Where a term sits in the query string (UTF-16 offsets, as JavaScript and the browser count them). */
export interface Span {
  position: number;
  length: number;
}

/**
 * A free-text word or "quoted phrase": its tokens must appear consecutively in a DID's search text.
 * `prefix` (a trailing `*` right after a letter or digit) lets the last token match any token it starts.
 */
export interface TextTerm {
  kind: "text";
  negated: boolean;
  /** As typed, without quotes and without the trailing `*`. */
  text: string;
  quoted: boolean;
  prefix: boolean;
  tokens: string[];
  span: Span;
}

export type Comparison = ":" | ">" | ">=" | "<" | "<=";

export type FieldValue =
  /** Text fields and name: an exact value or a pattern with `*` (any run) and `?` (one character). */
  | { type: "text"; text: string; pattern: boolean }
  | { type: "didType"; didType: "DATASET" | "CONTAINER" | "FILE" }
  | { type: "number"; value: number }
  /** Inclusive on both ends. */
  | { type: "numberRange"; from: number; to: number }
  /** A day, month or year, as the half-open UTC interval [start, end) in epoch milliseconds. */
  | { type: "date"; start: number; end: number }
  | { type: "dateRange"; start: number; end: number };

export interface FieldTerm {
  kind: "field";
  negated: boolean;
  field: FieldName;
  op: Comparison;
  value: FieldValue;
  /** The value as typed (without quotes), for printing. */
  raw: string;
  span: Span;
}

/**
 * `meta.KEY:value` over the metadata Rucio returned for the DID, whatever the experiment's keys are.
 * A text value matches a string (ASCII case-insensitive, `*`/`?` wildcards), `true`/`false` a boolean,
 * a plain number a number too; comparisons and `a..b` ranges match numbers only.
 */
export interface MetaTerm {
  kind: "meta";
  negated: boolean;
  key: string;
  op: Comparison;
  value: MetaValue;
  raw: string;
  span: Span;
}

export type MetaValue =
  | { type: "text"; text: string; pattern: boolean; number: number | null }
  | { type: "number"; value: number }
  | { type: "numberRange"; from: number; to: number };

export type Term = TextTerm | FieldTerm | MetaTerm;

/** A parsed query: every term must hold (implicit AND); `-` negates one term. */
export interface Query {
  terms: Term[];
}
