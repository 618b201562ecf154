import type { SearchSort } from "../../portal/lib/catalog/types";
import { random } from "./synthetic-catalog";
import {
  ATLAS_DATA_PROJECTS,
  ATLAS_DERIVATIONS,
  ATLAS_MC_PROJECTS,
  ATLAS_STREAMS,
  CMS_DATA_ERAS,
  CMS_DATA_TIERS,
  CMS_PRIMARY_DATA,
  MC_PROCESSES,
} from "./synthetic-names";

/** One search of the load: its query, sort, how many pages a client follows, and whether it is hostile. */
export interface WorkloadSearch {
  q: string;
  sort: SearchSort;
  pages: number;
  hostile: boolean;
}

const SORTS: SearchSort[] = ["relevance", "relevance", "newest", "newest", "size", "name"];
const words = (text: string) => text.split(/[_.]/).filter((word) => /[a-z]/i.test(word) && word.length > 2);

/**
 * Distinct searches people would type over the bench catalog, from its own vocabularies: words, facets,
 * ranges, name patterns, metadata keys, and their combinations, in a fixed order for a seed.
 */
function distinctSearches(count: number, rng: ReturnType<typeof random>): WorkloadSearch[] {
  const queries = new Set<string>();
  const derivation = () => rng.pick(ATLAS_DERIVATIONS);
  const project = () =>
    rng.pick([...ATLAS_DATA_PROJECTS.map((p) => p.project), ...ATLAS_MC_PROJECTS.map((p) => p.project)]);
  const run = () => {
    const { runs } = rng.pick(ATLAS_DATA_PROJECTS);
    return rng.int(runs[0], runs[1]);
  };
  const shapes: (() => string)[] = [
    () => `${derivation()} ${project().split("_")[0]}`,
    () => `${rng.pick(words(rng.pick(MC_PROCESSES)))} ${derivation()}`,
    () => `datatype:${derivation()} scope:${project()}`,
    () => `project:${project()} stream:${rng.pick(ATLAS_STREAMS)}`,
    () => {
      const start = run();
      return `run:${start}..${start + rng.int(10, 5000)}`;
    },
    () => `run>=${run()} datatype:${derivation()}`,
    () => `size>=${rng.int(1, 500)}GB ${derivation()}`,
    () => `events>${rng.int(1, 50)}M ${rng.pick(["DAOD_PHYS", "AOD", "DAOD_PHYSLITE"])}`,
    () => `created>=2026-${String(rng.int(1, 11)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`,
    () => `name:${project()}.00${run()}*`,
    () => `name:/${rng.pick(CMS_PRIMARY_DATA)}/${rng.pick(CMS_DATA_ERAS).era}*`,
    () => `meta.era:${rng.pick(CMS_DATA_ERAS).era} meta.data_tier:${rng.pick(CMS_DATA_TIERS)}`,
    () => `${rng.pick(words(rng.pick(MC_PROCESSES)))} -${project().split("_")[0]}`,
    () => `"${rng.pick(ATLAS_STREAMS).replace("_", " ")}" ${derivation()}`,
  ];
  for (let tries = 0; queries.size < count && tries < count * 50; tries++) queries.add(rng.pick(shapes)());
  if (queries.size < count) throw new Error(`only ${queries.size} distinct searches could be made`);
  return [...queries].map((q) => ({
    q,
    sort: rng.pick(SORTS),
    pages: rng.pick([1, 1, 1, 2, 2, 3, 5]),
    hostile: false,
  }));
}

/** What an abusive or careless client sends: many negated phrases, leading wildcards, ranges over everything. */
function hostileSearches(rng: ReturnType<typeof random>): WorkloadSearch[] {
  const phrase = () => `-"${rng.pick(words(rng.pick(MC_PROCESSES)))} ${rng.pick(ATLAS_STREAMS).replace("_", " ")}"`;
  const searches: string[] = [];
  for (let index = 0; index < 40; index++) {
    searches.push(
      Array.from({ length: rng.int(8, 30) }, phrase).join(" "),
      `name:*${rng.pick(words(rng.pick(MC_PROCESSES)))}*${rng.int(0, 9)}* -${rng.pick(ATLAS_DERIVATIONS)}`,
      `run:0..2147483647 size>=0 events>=0 -${rng.pick(ATLAS_DERIVATIONS)}`,
      `*${rng.pick(ATLAS_DERIVATIONS).slice(-4)} ${Array.from({ length: 6 }, phrase).join(" ")}`,
    );
  }
  return [...new Set(searches)].map((q) => ({ q, sort: rng.pick(SORTS), pages: 1, hostile: true }));
}

/**
 * The search load: `distinct` searches drawn with Zipf popularity (the k-th most popular asked ∝ 1/k^s),
 * and a `hostileShare` of hostile ones. `next()` is the next search a client starts, the same sequence for
 * a seed.
 */
export function zipfWorkload({ distinct = 5000, exponent = 1, hostileShare = 0.01, seed = 20261205 } = {}) {
  const rng = random(seed);
  const searches = distinctSearches(distinct, rng);
  const hostile = hostileSearches(rng);
  const cumulative: number[] = [];
  let sum = 0;
  for (let rank = 1; rank <= searches.length; rank++) cumulative.push((sum += 1 / rank ** exponent));
  const draw = () => {
    const target = rng.next() * sum;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return searches[low]!;
  };
  return {
    distinct: searches.length,
    hostileDistinct: hostile.length,
    next: (): WorkloadSearch => (rng.next() < hostileShare ? rng.pick(hostile) : draw()),
  };
}
