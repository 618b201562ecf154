import type { FacetName } from "../types";
import type { FieldTerm, FieldValue, MetaTerm, MetaValue, Query, Term } from "./ast";
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

/** A facet's field: a query field, a facet's name for one, or `meta.KEY` for a metadata facet. */
export type TermField = FacetName | FieldName | `meta.${string}`;

function fieldOf(field: TermField): string {
  if (field.startsWith("meta.")) return field;
  const name = (FACET_FIELDS as Record<string, FieldName>)[field] ?? resolveField(field);
  if (!name) throw new Error(`Unknown query field ${field}`);
  return name;
}

function sameValue(a: FieldValue | MetaValue, b: FieldValue | MetaValue): boolean {
  if (a.type === "text" && b.type === "text")
    return a.text.toLowerCase() === b.text.toLowerCase() && a.pattern === b.pattern;
  return JSON.stringify(a) === JSON.stringify(b);
}

type FacetTerm = FieldTerm | MetaTerm;

/** `field:value` written as a term would be, or null when the value cannot be a term of that field. */
function facetTerm(field: string, value: string): FacetTerm | null {
  try {
    const [term] = parseQuery(`${field}:${formatValue(value)}`).terms;
    return term?.kind === "field" || term?.kind === "meta" ? term : null;
  } catch {
    return null;
  }
}

const sameField = (term: Term, wanted: FacetTerm) =>
  (term.kind === "field" && wanted.kind === "field" && term.field === wanted.field) ||
  (term.kind === "meta" && wanted.kind === "meta" && term.key === wanted.key);

const matches = (term: Term, wanted: FacetTerm, negated: boolean) =>
  term.kind !== "text" &&
  sameField(term, wanted) &&
  term.negated === negated &&
  term.op === ":" &&
  sameValue(term.value, wanted.value);

/**
 * `q` with `field:value` added (a facet click): an exclusion of the same value is replaced, a term
 * already there is not repeated. A query that does not parse keeps its text and gets the term appended.
 */
export function addTerm(q: string, field: TermField, value: string): string {
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
export function removeTerm(q: string, field: TermField, value: string): string {
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
