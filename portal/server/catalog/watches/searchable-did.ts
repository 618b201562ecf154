import "server-only";
import type { SearchableDid } from "./matcher";

/** The Prisma `select` that reads a DID's searchable columns (and its id). */
export const SEARCHABLE_SELECT = {
  id: true,
  instance: true,
  scope: true,
  name: true,
  didType: true,
  bytes: true,
  length: true,
  events: true,
  rucioCreatedAt: true,
  account: true,
  project: true,
  datatype: true,
  runNumber: true,
  streamName: true,
  prodStep: true,
  version: true,
  campaign: true,
  searchText: true,
  meta: true,
} as const;

type Json = Record<string, unknown>;
const text = (value: unknown) => (typeof value === "string" ? value : null);
const number = (value: unknown) =>
  typeof value === "number" ? value : typeof value === "string" ? Number(value) : null;
/** SQLite's JSON holds the stored text (or epoch milliseconds), PostgreSQL's an ISO timestamp without zone (UTC). */
function date(value: unknown): Date | null {
  if (typeof value === "number") return new Date(value);
  if (typeof value !== "string") return null;
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`;
  const parsed = new Date(zoned.replace(" ", "T"));
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/**
 * A DID's columns before a change, from the change log's JSON (written by the database's trigger,
 * see the did_change_log migration); the identity columns never change, so they come from the DID now.
 */
export function searchableBefore(previous: Json, now: SearchableDid): SearchableDid {
  return {
    instance: now.instance,
    scope: now.scope,
    name: now.name,
    didType: text(previous.didType) ?? now.didType,
    bytes: number(previous.bytes),
    length: number(previous.length),
    events: number(previous.events),
    rucioCreatedAt: date(previous.rucioCreatedAt),
    account: text(previous.account),
    project: text(previous.project),
    datatype: text(previous.datatype),
    runNumber: number(previous.runNumber),
    streamName: text(previous.streamName),
    prodStep: text(previous.prodStep),
    version: text(previous.version),
    campaign: text(previous.campaign),
    searchText: text(previous.searchText) ?? "",
    meta: previous.meta ?? null,
  };
}
