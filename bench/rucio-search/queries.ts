import { SCOPE } from "./bench-env";

export const QUERY_CLASSES = ["name pattern", "metadata equality", "metadata range", "combined"] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];

/**
 * One search asked of both: Rucio's filters as the query parameters of GET /dids/{scope}/dids/search
 * (Rucio types each value itself: digits become numbers, `*` makes a LIKE), and the same filters in
 * the catalog's query language, restricted to the same scope.
 */
export interface SideBySideQuery {
  queryClass: QueryClass;
  rucio: Record<string, string>;
  catalog: string;
  /**
   * The same without the scope term: the same DIDs here, where the bench catalog holds this scope alone.
   * Timed apart because on SQLite a scope term is also a full-text condition, which every row of a scope
   * that is most of the catalog satisfies.
   */
  catalogWithoutScope: string;
}

/**
 * Over rucio/generate_scale.py's datasets: runs 300000 + index / 8, six data types, five streams, seven
 * campaigns, versions r13000..13999_p4000..5999, the index as the name's last part. Every value is
 * written in its stored case: Rucio compares metadata case-sensitively, the catalog ignores ASCII case.
 * No `?` in name patterns: Rucio's LIKE knows only `*`.
 */
const QUERIES: { queryClass: QueryClass; rucio: Record<string, string>; catalog: string }[] = [
  { queryClass: "name pattern", rucio: { name: "scale_13TeV.0030010*" }, catalog: "name:scale_13TeV.0030010*" },
  {
    queryClass: "name pattern",
    rucio: { name: "scale_13TeV.003012*.physics_Main.*" },
    catalog: "name:scale_13TeV.003012*.physics_Main.*",
  },
  { queryClass: "name pattern", rucio: { name: "*.DAOD_PHYSLITE.r130*" }, catalog: "name:*.DAOD_PHYSLITE.r130*" },
  { queryClass: "metadata equality", rucio: { datatype: "DAOD_PHYSLITE" }, catalog: "datatype:DAOD_PHYSLITE" },
  {
    queryClass: "metadata equality",
    rucio: { stream_name: "physics_MinBias", campaign: "mc23a" },
    catalog: "stream:physics_MinBias campaign:mc23a",
  },
  {
    queryClass: "metadata equality",
    rucio: { campaign: "grp18", datatype: "AOD" },
    catalog: "campaign:grp18 datatype:AOD",
  },
  {
    queryClass: "metadata range",
    rucio: { "run_number.gte": "305000", "run_number.lte": "305999" },
    catalog: "run:305000..305999",
  },
  { queryClass: "metadata range", rucio: { "run_number.gte": "306200" }, catalog: "run>=306200" },
  {
    queryClass: "metadata range",
    rucio: { "run_number.gt": "300100", "run_number.lt": "300200" },
    catalog: "run>300100 run<300200",
  },
  {
    queryClass: "combined",
    rucio: { name: "scale_13TeV.00302*", datatype: "DAOD_PHYS", "run_number.gte": "302500" },
    catalog: "name:scale_13TeV.00302* datatype:DAOD_PHYS run>=302500",
  },
  {
    queryClass: "combined",
    rucio: { name: "*.r135*", stream_name: "physics_Main", "run_number.lte": "301000" },
    catalog: "name:*.r135* stream:physics_Main run<=301000",
  },
  {
    queryClass: "combined",
    rucio: { datatype: "AOD", campaign: "mc20e", "run_number.gte": "303000", "run_number.lte": "304999" },
    catalog: "datatype:AOD campaign:mc20e run:303000..304999",
  },
];

export const SIDE_BY_SIDE: SideBySideQuery[] = QUERIES.map((query) => ({
  ...query,
  catalog: `scope:${SCOPE} ${query.catalog}`,
  catalogWithoutScope: query.catalog,
}));

/** A query's Rucio filters as written on the URL, for the report. */
export const rucioFilterText = (query: SideBySideQuery) =>
  Object.entries(query.rucio)
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
