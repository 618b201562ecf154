/**
 * The catalog's query language. Plain functions with no server dependencies: the search page imports
 * addTerm/removeTerm in the browser, the search module parses and compiles on the server.
 */
export type { Comparison, FieldTerm, FieldValue, MetaTerm, MetaValue, Query, Span, Term, TextTerm } from "./ast";
export { QuerySyntaxError } from "./errors";
export { FACET_FIELDS, FIELD_KINDS, FIELD_NAMES, type FieldKind, type FieldName, resolveField } from "./fields";
export { MAX_EXCLUSIONS, MAX_META_TERMS, MAX_UNANCHORED_PATTERNS, MIN_PREFIX_LENGTH } from "./limits";
export { MAX_QUERY_LENGTH, MAX_TERMS, META_KEY, parseQuery } from "./parser";
export { addTerm, printQuery, printTerm, removeTerm, type TermField } from "./printer";
