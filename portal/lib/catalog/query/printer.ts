import type { FacetName } from "../types";
import type { FieldTerm, FieldValue, Query, Term } from "./ast";
import { FACET_FIELDS, type FieldName, resolveField } from "./fields";
import { parseQuery } from "./parser";

/** A value as it must be written after `field:`: quoted when it holds white space. */
function formatValue(raw: string): string {
  return /[\s"]/.test(raw) || raw === "" ? `"${raw}"` : raw;
}

export function printTerm(term: Term): string {
  const sign = term.negated ? "-" : "";
  if (term.kind === "text") {
    const body = term.quoted ? `"${term.text}"` : term.text;
    return `${sign}${body}${term.prefix ? "*" : ""}`;
  }
  const name = term.kind === "meta" ? `meta.${term.key}` : term.field;
  return `${sign}${name}${term.op}${formatValue(term.raw)}`;
}

/** The canonical text of a query: one space between terms, canonical field names, no redundant quotes. */
export function printQuery(query: Query): string {
  return query.terms.map(printTerm).join(" ");
}

function fieldOf(field: FacetName | FieldName | string): FieldName {
  const name = (FACET_FIELDS as Record<string, FieldName>)[field] ?? resolveField(field);
  if (!name) throw new Error(`Unknown query field ${field}`);
  return name;
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (a.type === "text" && b.type === "text")
    return a.text.toLowerCase() === b.text.toLowerCase() && a.pattern === b.pattern;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `field:value` written as a term would be, or null when the value cannot be a term of that field. */
function facetTerm(field: FieldName, value: string): FieldTerm | null {
  try {
    const [term] = parseQuery(`${field}:${formatValue(value)}`).terms;
    return term?.kind === "field" ? term : null;
  } catch {
    return null;
  }
}

const matches = (term: Term, wanted: FieldTerm, negated: boolean) =>
  term.kind === "field" &&
  term.negated === negated &&
  term.field === wanted.field &&
  term.op === ":" &&
  sameValue(term.value, wanted.value);

/**
 * `q` with `field:value` added (a facet click): an exclusion of the same value is replaced, a term
 * already there is not repeated. A query that does not parse keeps its text and gets the term appended.
 */
export function addTerm(q: string, field: FacetName | FieldName, value: string): string {
  const name = fieldOf(field);
  const text = `${name}:${formatValue(value)}`;
  const wanted = facetTerm(name, value);
  let query: Query;
  try {
    query = parseQuery(q);
  } catch {
    return `${q.trim()} ${text}`.trim();
  }
  if (!wanted) return `${printQuery(query)} ${text}`.trim();
  if (query.terms.some((term) => matches(term, wanted, false))) return q;
  const kept = query.terms.filter((term) => !matches(term, wanted, true));
  return printQuery({ terms: [...kept, wanted] });
}

/** `q` without the `field:value` terms (same value, ignoring case); `q` itself, unchanged, when it has none. */
export function removeTerm(q: string, field: FacetName | FieldName, value: string): string {
  const wanted = facetTerm(fieldOf(field), value);
  if (!wanted) return q;
  let query: Query;
  try {
    query = parseQuery(q);
  } catch {
    return q;
  }
  const kept = query.terms.filter((term) => !matches(term, wanted, false));
  return kept.length === query.terms.length ? q : printQuery({ terms: kept });
}
