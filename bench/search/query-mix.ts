import type { SearchSort } from "../../portal/lib/catalog/types";

/**
 * The fixed query mix: what people type into the catalog, each followed for `pages` pages through the
 * keyset cursor (page 1 computes the counts, later pages reuse them, as when someone scrolls).
 */
export interface Scenario {
  kind: "text" | "facets" | "ranges" | "sorts" | "names" | "meta";
  q: string;
  sort: SearchSort;
  pages: number;
}

/** Every scenario: `--mix meta` times the "meta" kind alone, the default mix every other kind. */
const SCENARIOS: Scenario[] = [
  { kind: "text", q: "DAOD_PHYS", sort: "relevance", pages: 2 },
  { kind: "text", q: "DAOD_PHYSLITE data18", sort: "relevance", pages: 2 },
  { kind: "text", q: "ttbar", sort: "relevance", pages: 2 },
  { kind: "text", q: "Zmumu DAOD_PHYS", sort: "relevance", pages: 2 },
  { kind: "text", q: "data18_13TeV.00350*", sort: "relevance", pages: 2 },
  { kind: "text", q: "JetHT MINIAOD", sort: "relevance", pages: 2 },
  { kind: "text", q: '"physics Main" AOD', sort: "newest", pages: 2 },
  { kind: "text", q: "13TeV", sort: "relevance", pages: 2 },
  { kind: "text", q: "HNL ctau1mm", sort: "relevance", pages: 1 },
  { kind: "text", q: "DAOD_PHYS -data18 -data17", sort: "relevance", pages: 2 },
  { kind: "facets", q: "datatype:DAOD_PHYS", sort: "newest", pages: 5 },
  { kind: "facets", q: "scope:data18_13TeV datatype:DAOD_PHYSLITE", sort: "newest", pages: 2 },
  { kind: "facets", q: "project:mc20_13TeV campaign:mc20e datatype:AOD", sort: "size", pages: 2 },
  { kind: "facets", q: "type:container stream:physics_Main", sort: "name", pages: 2 },
  { kind: "facets", q: "DAOD_PHYS scope:mc20_13TeV prod_step:deriv", sort: "relevance", pages: 2 },
  { kind: "facets", q: "instance:cms datatype:NANOAOD", sort: "newest", pages: 2 },
  { kind: "ranges", q: "run:350000..350999", sort: "name", pages: 2 },
  { kind: "ranges", q: "run>=480000 datatype:RAW", sort: "newest", pages: 2 },
  { kind: "ranges", q: "size>=10TB", sort: "size", pages: 2 },
  { kind: "ranges", q: "created>=2026-06-01", sort: "newest", pages: 2 },
  { kind: "ranges", q: "events>10M DAOD_PHYS", sort: "size", pages: 2 },
  { kind: "ranges", q: "created:2019 data17", sort: "newest", pages: 2 },
  { kind: "sorts", q: "", sort: "newest", pages: 5 },
  { kind: "sorts", q: "", sort: "size", pages: 2 },
  { kind: "sorts", q: "DAOD_PHYS", sort: "name", pages: 2 },
  { kind: "sorts", q: "data15", sort: "newest", pages: 2 },
  { kind: "sorts", q: "ttbar", sort: "size", pages: 2 },
  { kind: "names", q: "name:mc23_13p6TeV.40*", sort: "name", pages: 2 },
  { kind: "names", q: "name:*PHYSLITE*_tid*", sort: "newest", pages: 2 },
  { kind: "names", q: "name:/JetHT/Run2018D*", sort: "relevance", pages: 2 },
  // Two `meta.` terms per query over the metadata documents (the CMS rows' JSON keys era,
  // primary_dataset, data_tier; every row's is_open, bytes_per_event and Rucio's own keys).
  { kind: "meta", q: "meta.era:Run2017* meta.data_tier:NANOAOD", sort: "newest", pages: 2 },
  { kind: "meta", q: "meta.primary_dataset:SingleMuon meta.bytes_per_event<50000", sort: "size", pages: 2 },
  { kind: "meta", q: "meta.is_open:true meta.data_tier:MINIAOD*", sort: "name", pages: 2 },
  { kind: "meta", q: "DAOD_PHYS meta.run_number:350000..359999 meta.events>1000000", sort: "relevance", pages: 2 },
  { kind: "meta", q: "scope:cms meta.era:RunIISummer20UL18 meta.is_open:false", sort: "newest", pages: 2 },
  { kind: "meta", q: "meta.campaign:mc20a meta.length<=2", sort: "newest", pages: 2 },
  { kind: "meta", q: "datatype:AOD meta.prod_step:recon -meta.is_open:true", sort: "size", pages: 2 },
  { kind: "meta", q: "meta.data_tier:NANOAODSIM meta.bytes_per_event:1000..20000", sort: "relevance", pages: 2 },
];

export const QUERY_MIX = SCENARIOS.filter((scenario) => scenario.kind !== "meta");
export const META_MIX = SCENARIOS.filter((scenario) => scenario.kind === "meta");

export const PAGE_SIZE = 50;
