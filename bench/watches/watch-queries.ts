import { QUERY_MIX } from "../search/query-mix";
import type { SyntheticDid } from "../search/synthetic-catalog";

/** A deterministic random source, so both databases get the same watches. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

/**
 * `count` watched searches of the kinds people save: the bench's query mix, and facet, range, name and
 * free-text queries built from real rows of the catalog (so many of them match something).
 */
export function watchQueries(count: number, sample: SyntheticDid[], seed = 7): string[] {
  const rng = random(seed);
  const fixed = QUERY_MIX.map((scenario) => scenario.q).filter(Boolean);
  const makers: (() => string)[] = [
    () => rng.pick(fixed),
    () => {
      const row = rng.pick(sample);
      return row.datatype ? `scope:${row.scope} datatype:${row.datatype}` : `scope:${row.scope}`;
    },
    () => {
      const row = rng.pick(sample.filter((r) => r.runNumber !== null));
      return `run:${row.runNumber! - 50}..${row.runNumber! + 50}${row.datatype ? ` datatype:${row.datatype}` : ""}`;
    },
    () => `name:${rng.pick(sample).name.slice(0, 12 + Math.floor(rng.next() * 12))}*`,
    () => {
      const tokens = rng.pick(sample).searchText.split(" ");
      return tokens.slice(0, 1 + Math.floor(rng.next() * 3)).join(" ");
    },
    () => {
      const row = rng.pick(sample);
      return `project:${row.project ?? "data18_13TeV"} size>=${1 + Math.floor(rng.next() * 100)}GB -type:container`;
    },
  ];
  return Array.from({ length: count }, () => rng.pick(makers)());
}
