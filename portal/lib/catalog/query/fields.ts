import type { FacetName } from "../types";

/**
 * The fields a query can name. `kind` decides which values and operators a field accepts:
 * text fields take `field:value` (ASCII case-insensitive, `*`/`?` wildcards), numeric and date fields
 * also take comparisons and `a..b` ranges.
 */
export type FieldKind = "text" | "name" | "didType" | "integer" | "size" | "date";

export const FIELD_KINDS = {
  scope: "text",
  type: "didType",
  name: "name",
  project: "text",
  datatype: "text",
  run: "integer",
  stream: "text",
  prod_step: "text",
  version: "text",
  campaign: "text",
  events: "integer",
  size: "size",
  files: "integer",
  created: "date",
  account: "text",
  instance: "text",
} as const satisfies Record<string, FieldKind>;

export type FieldName = keyof typeof FIELD_KINDS;
export const FIELD_NAMES = Object.keys(FIELD_KINDS) as FieldName[];

/** Other spellings people type (Rucio's metadata keys, the facet names of the API), lower-cased. */
const ALIASES: Record<string, FieldName> = {
  run_number: "run",
  runnumber: "run",
  bytes: "size",
  stream_name: "stream",
  streamname: "stream",
  prodstep: "prod_step",
  did_type: "type",
  length: "files",
};

export function resolveField(typed: string): FieldName | undefined {
  const lower = typed.toLowerCase();
  if (lower in FIELD_KINDS) return lower as FieldName;
  return ALIASES[lower];
}

/** The query field behind each facet of the API (facet names are camelCase, query fields snake_case). */
export const FACET_FIELDS: Record<FacetName, FieldName> = {
  instance: "instance",
  scope: "scope",
  type: "type",
  project: "project",
  datatype: "datatype",
  stream: "stream",
  prodStep: "prod_step",
  campaign: "campaign",
  run: "run",
};
