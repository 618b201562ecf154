import type { Term } from "./ast";
import { QuerySyntaxError } from "./errors";
import type { FieldName } from "./fields";

/**
 * Limits on the work a query can ask of the database. An exclusion (`-term`) and a pattern that starts
 * with a wildcard (`name:*PHYSLITE*`) use no index: the database tests them on every row the other
 * terms leave, which is the whole catalog when no term narrows it. SQLite's driver cannot stop a
 * statement once it runs and blocks the portal meanwhile, so these bound a statement before it starts.
 */
export const MAX_EXCLUSIONS = 4;
export const MAX_UNANCHORED_PATTERNS = 1;
/** `meta.KEY` terms read the DID's metadata document on every row the other terms leave. */
export const MAX_META_TERMS = 4;
/** Shorter prefixes match a large part of the catalog and defeat the prefix indexes. */
export const MIN_PREFIX_LENGTH = 2;

/** Fields the search migration indexes (their values, lower-cased values or value ranges). */
const INDEXED_FIELDS: ReadonlySet<FieldName> = new Set<FieldName>([
  "scope",
  "type",
  "name",
  "project",
  "datatype",
  "run",
  "stream",
  "prod_step",
  "version",
  "campaign",
  "size",
  "created",
  "instance",
]);

/** A pattern with fewer than MIN_PREFIX_LENGTH characters before its first wildcard: no index range bounds it. */
export function isUnanchoredPattern(term: Term): boolean {
  if (term.kind !== "field" || term.value.type !== "text" || !term.value.pattern) return false;
  return term.value.text.search(/[*?]/) < MIN_PREFIX_LENGTH;
}

/** A term an index finds the rows of, so the tests of exclusions and patterns run on those rows only. */
function narrowsThroughIndex(term: Term): boolean {
  if (term.negated) return false;
  if (term.kind === "meta") return false;
  return term.kind === "text" || (INDEXED_FIELDS.has(term.field) && !isUnanchoredPattern(term));
}

const refuse = (term: Term, message: string) => new QuerySyntaxError(message, term.span.position, term.span.length);

/** Throws QuerySyntaxError, pointing at the first term past a limit, for a query that asks too much. */
export function checkQueryLimits(terms: Term[]): void {
  const exclusions = terms.filter((term) => term.negated);
  if (exclusions.length > MAX_EXCLUSIONS) {
    throw refuse(
      exclusions[MAX_EXCLUSIONS]!,
      `A query can exclude at most ${MAX_EXCLUSIONS} terms (each exclusion is tested on every row): remove this one and those after it`,
    );
  }
  const metaTerms = terms.filter((term) => term.kind === "meta");
  if (metaTerms.length > MAX_META_TERMS) {
    throw refuse(
      metaTerms[MAX_META_TERMS]!,
      `A query can test at most ${MAX_META_TERMS} metadata keys (each is read on every row): remove this one and those after it`,
    );
  }
  const patterns = terms.filter(isUnanchoredPattern);
  if (patterns.length > MAX_UNANCHORED_PATTERNS) {
    throw refuse(
      patterns[MAX_UNANCHORED_PATTERNS]!,
      `Only ${MAX_UNANCHORED_PATTERNS} pattern per query can start with a wildcard (no index helps it): ` +
        `start this one with at least ${MIN_PREFIX_LENGTH} characters (name:data18*PHYS) or remove it`,
    );
  }
  // Alone, such a pattern costs one test per row, as a lone exclusion does; with exclusions on top and
  // nothing to narrow by, every row of the catalog would take them all.
  const rowTests = terms.filter((term) => term.negated || isUnanchoredPattern(term) || term.kind === "meta");
  if (patterns.length > 0 && rowTests.length > 1 && !terms.some(narrowsThroughIndex)) {
    throw refuse(
      patterns[0]!,
      "A pattern that starts with a wildcard can be combined with exclusions only when the query also has a word " +
        "or a field value to narrow by: add one (DAOD_PHYS, scope:data18_13TeV), or remove the exclusions",
    );
  }
}
