import { tokenize } from "../search-text";
import type { Comparison, FieldTerm, FieldValue, MetaTerm, MetaValue, Query, Span, Term, TextTerm } from "./ast";
import { QuerySyntaxError } from "./errors";
import { FIELD_KINDS, FIELD_NAMES, type FieldName, resolveField } from "./fields";
import { checkQueryLimits, MIN_PREFIX_LENGTH } from "./limits";
import { type Read, readCount, readDate, readMetaNumber, readSize } from "./values";

export const MAX_QUERY_LENGTH = 1000;
export const MAX_TERMS = 32;

const isSpace = (char: string | undefined) => char !== undefined && /\s/.test(char);
const FIELD_START = /^([A-Za-z_]+)(>=|<=|:|>|<)/;
/** A metadata key as Rucio names them: letters, digits, `_`, `-`; no nesting. */
const META_KEY_PATTERN = "[A-Za-z0-9_-]{1,64}";
/** A whole string that is a metadata key (configured facets are checked with it too). */
export const META_KEY = new RegExp(`^${META_KEY_PATTERN}$`);
/** `meta.` and a metadata key. */
const META_START = new RegExp(`^meta\\.(${META_KEY_PATTERN})(>=|<=|:|>|<)`, "i");

/**
 * Parses the query language: free-text words and "quoted phrases" (a trailing * makes the last word a
 * prefix), `field:value`, `field>=n` (also >, <, <=), `field:a..b` ranges, `-` before any term to
 * exclude it. Terms are separated by white space and must all hold. Throws QuerySyntaxError, also for
 * a query beyond the limits on work without an index (limits.ts).
 */
export function parseQuery(q: string): Query {
  if (q.length > MAX_QUERY_LENGTH) {
    throw new QuerySyntaxError(
      `The query is too long (at most ${MAX_QUERY_LENGTH} characters)`,
      MAX_QUERY_LENGTH,
      q.length - MAX_QUERY_LENGTH,
    );
  }
  const terms: Term[] = [];
  let i = 0;
  while (i < q.length) {
    if (isSpace(q[i])) {
      i++;
      continue;
    }
    const { term, end } = readTerm(q, i);
    if (term) {
      if (terms.length === MAX_TERMS) throw new QuerySyntaxError(`A query has at most ${MAX_TERMS} terms`, i, end - i);
      terms.push(term);
    }
    i = end;
  }
  checkQueryLimits(terms);
  return { terms };
}

function readTerm(q: string, start: number): { term: Term | null; end: number } {
  let i = start;
  const negated = q[i] === "-";
  if (negated) {
    i++;
    if (i === q.length || isSpace(q[i]))
      throw new QuerySyntaxError(
        "A lone - excludes nothing: put the term right after it, e.g. -DAOD_PHYSLITE",
        start,
        1,
      );
    if (q[i] === "-") {
      // "--" and the like are punctuation, skipped like any word without letters or digits.
      const { term, end } = readWord(q, start, i, false);
      if (term) throw new QuerySyntaxError("Use a single - to exclude a term", start, 2);
      return { term, end };
    }
  }
  if (q[i] === '"') return readPhrase(q, start, i, negated);
  const meta = META_START.exec(q.slice(i));
  if (meta) return readMeta(q, start, i, negated, meta);
  const badKey = /^meta\.([^\s:<>"]*)[:<>]/i.exec(q.slice(i));
  if (badKey)
    throw new QuerySyntaxError(
      "A metadata key has 1 to 64 letters, digits, _ or - after meta. (meta.KEY:value; nested keys are not searchable)",
      i,
      5 + badKey[1]!.length,
    );
  const field = FIELD_START.exec(q.slice(i));
  if (field) return readField(q, start, i, negated, field[1]!, field[2] as Comparison);
  return readWord(q, start, i, negated);
}

/** The closing quote of a quoted string that opens at `open`; an error when there is none. */
function closingQuote(q: string, open: number): number {
  const close = q.indexOf('"', open + 1);
  if (close < 0) throw new QuerySyntaxError("This quote is never closed", open, q.length - open);
  return close;
}

function expectTermEnd(q: string, at: number): void {
  if (at < q.length && !isSpace(q[at])) {
    throw new QuerySyntaxError("Put a space between a closing quote and what follows", at, 1);
  }
}

function readPhrase(q: string, start: number, open: number, negated: boolean) {
  const close = closingQuote(q, open);
  const text = q.slice(open + 1, close);
  let end = close + 1;
  const starred = q[end] === "*";
  if (starred) end++;
  expectTermEnd(q, end);
  const span = { position: start, length: end - start };
  const tokens = tokenize(text);
  if (tokens.length === 0)
    throw new QuerySyntaxError("This phrase has no letters or digits to search for", span.position, span.length);
  return { term: textTerm(text, true, starred, tokens, negated, span), end };
}

function readWord(q: string, start: number, from: number, negated: boolean) {
  let end = from;
  while (end < q.length && !isSpace(q[end])) end++;
  const word = q.slice(from, end);
  const span = { position: start, length: end - start };
  const quote = word.indexOf('"');
  if (quote >= 0)
    throw new QuerySyntaxError("A quoted phrase must start a term: put a space before the quote", from + quote, 1);
  if (/^[:<>]/.test(word) && tokenize(word).length > 0) {
    const op = /^(>=|<=|[:<>])/.exec(word)![1]!;
    throw new QuerySyntaxError(
      `"${op}" needs a field name before it, e.g. size>10GB or datatype:DAOD_PHYS`,
      from,
      op.length,
    );
  }
  const wildcard = word.search(/[*?]/);
  const starred = wildcard === word.length - 1 && word.endsWith("*");
  if (wildcard >= 0 && !starred) {
    throw new QuerySyntaxError(
      "In free text a wildcard can only end a word (DAOD_PHYS*); use name:… for other patterns",
      from + wildcard,
      1,
    );
  }
  const text = starred ? word.slice(0, -1) : word;
  const tokens = tokenize(text);
  if (tokens.length === 0) {
    if (negated || starred)
      throw new QuerySyntaxError("This term has no letters or digits to search for", span.position, span.length);
    return { term: null, end };
  }
  return { term: textTerm(text, false, starred, tokens, negated, span), end };
}

function textTerm(
  text: string,
  quoted: boolean,
  starred: boolean,
  tokens: string[],
  negated: boolean,
  span: Span,
): TextTerm {
  // `DAOD_*` ends in a separator: its last token is complete, and the star adds nothing.
  const prefix = starred && /[\p{L}\p{N}]$/u.test(text);
  if (prefix && tokens[tokens.length - 1]!.length < MIN_PREFIX_LENGTH) {
    throw new QuerySyntaxError(
      `A prefix search needs at least ${MIN_PREFIX_LENGTH} letters or digits before *`,
      span.position,
      span.length,
    );
  }
  return { kind: "text", negated, text, quoted, prefix, tokens, span };
}

function readField(q: string, start: number, from: number, negated: boolean, typed: string, op: Comparison) {
  const field = resolveField(typed);
  if (!field) {
    throw new QuerySyntaxError(
      `Unknown field "${typed}". Fields: ${FIELD_NAMES.join(", ")}, meta.KEY (put text with a colon in quotes to search for it)`,
      from,
      typed.length,
    );
  }
  const { raw, end, valueSpan } = readRawValue(q, from, `${typed}${op}`);
  const value = readFieldValue(field, op, raw, valueSpan, { position: from + typed.length, length: op.length });
  const term: FieldTerm = {
    kind: "field",
    negated,
    field,
    op,
    value,
    raw,
    span: { position: start, length: end - start },
  };
  return { term, end };
}

/** The value after `field:` (or another operator), quoted or up to the next white space. */
function readRawValue(q: string, from: number, head: string): { raw: string; end: number; valueSpan: Span } {
  const valueStart = from + head.length;
  let raw: string;
  let end: number;
  if (q[valueStart] === '"') {
    const close = closingQuote(q, valueStart);
    raw = q.slice(valueStart + 1, close);
    end = close + 1;
    expectTermEnd(q, end);
  } else {
    end = valueStart;
    while (end < q.length && !isSpace(q[end])) end++;
    raw = q.slice(valueStart, end);
  }
  if (raw.trim() === "") throw new QuerySyntaxError(`"${head}" needs a value after it`, from, end - from);
  return { raw, end, valueSpan: { position: valueStart, length: end - valueStart } };
}

function readMeta(q: string, start: number, from: number, negated: boolean, [head, key, op]: RegExpExecArray) {
  const { raw, end, valueSpan } = readRawValue(q, from, head);
  const failAt = (message: string): never => {
    throw new QuerySyntaxError(message, valueSpan.position, valueSpan.length);
  };
  const range = raw.indexOf("..");
  let value: MetaValue;
  if (range >= 0) {
    if (op !== ":") failAt(`A range goes after a colon: meta.${key}:a..b`);
    const [low, high] = rangeEnds(raw, range, `meta.${key}`, failAt).map((end) =>
      valueOrFail(readMetaNumber(end), failAt),
    ) as [number, number];
    if (low > high) failAt("This range starts after it ends");
    value = { type: "numberRange", from: low, to: high };
  } else if (op !== ":") {
    value = { type: "number", value: valueOrFail(readMetaNumber(raw), failAt) };
  } else {
    const number = readMetaNumber(raw);
    value = { type: "text", text: raw, pattern: /[*?]/.test(raw), number: number.ok ? number.value : null };
  }
  const term: MetaTerm = {
    kind: "meta",
    negated,
    key: key!,
    op: op as Comparison,
    value,
    raw,
    span: { position: start, length: end - start },
  };
  return { term, end };
}

function readFieldValue(field: FieldName, op: Comparison, raw: string, valueSpan: Span, opSpan: Span): FieldValue {
  const kind = FIELD_KINDS[field];
  const failAt = (message: string): never => {
    throw new QuerySyntaxError(message, valueSpan.position, valueSpan.length);
  };
  if (kind === "text" || kind === "name" || kind === "didType") {
    if (op !== ":")
      throw new QuerySyntaxError(`${field} takes ${field}:value, not a comparison`, opSpan.position, opSpan.length);
    if (kind !== "didType") return { type: "text", text: raw, pattern: /[*?]/.test(raw) };
    const didType = raw.toUpperCase();
    if (didType !== "DATASET" && didType !== "CONTAINER" && didType !== "FILE")
      failAt("type is dataset, container or file");
    return { type: "didType", didType: didType as "DATASET" | "CONTAINER" | "FILE" };
  }
  const range = raw.indexOf("..");
  if (range >= 0 && op !== ":") failAt(`A range goes after a colon: ${field}:a..b`);
  if (kind === "date") {
    if (range < 0) return { type: "date", ...valueOrFail(readDate(raw), failAt) };
    const [from, to] = rangeEnds(raw, range, field, failAt);
    const start = valueOrFail(readDate(from), failAt).start;
    const end = valueOrFail(readDate(to), failAt).end;
    if (start >= end) failAt("This range starts after it ends");
    return { type: "dateRange", start, end };
  }
  const read = kind === "size" ? readSize : readCount;
  if (range < 0) return { type: "number", value: valueOrFail(read(raw), failAt) };
  const [from, to] = rangeEnds(raw, range, field, failAt).map((end) => valueOrFail(read(end), failAt)) as [
    number,
    number,
  ];
  if (from > to) failAt("This range starts after it ends");
  return { type: "numberRange", from, to };
}

function rangeEnds(raw: string, at: number, field: string, failAt: (message: string) => never): [string, string] {
  const from = raw.slice(0, at);
  const to = raw.slice(at + 2);
  if (!from || !to)
    failAt(
      `A range needs both ends, e.g. ${field}:${field === "created" ? "2018-01-01..2018-06-30" : "350000..350999"}`,
    );
  return [from, to];
}

function valueOrFail<T>(read: Read<T>, failAt: (message: string) => never): T {
  return read.ok ? read.value : failAt(read.message);
}
