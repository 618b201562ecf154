import { describe, expect, it } from "vitest";
import type { SearchResult } from "@/lib/api-responses";
import { FACETS } from "./types";
import { exampleQueries } from "./example-queries";

function facets(buckets: Partial<Record<(typeof FACETS)[number], [string, number][]>>): SearchResult["facets"] {
  return Object.fromEntries(
    FACETS.map((facet) => [
      facet,
      { buckets: (buckets[facet] ?? []).map(([value, count]) => ({ value, label: value, count })), capped: false },
    ]),
  ) as SearchResult["facets"];
}

describe("example searches from the catalog's facets", () => {
  it("takes each facet's most common value, in the order a search narrows", () => {
    const examples = exampleQueries(
      facets({
        scope: [["data18_13TeV", 26]],
        datatype: [
          ["DAOD_PHYS", 30],
          ["NTUP", 8],
        ],
        run: [["349000..349999", 10]],
        project: [["data18_13TeV", 26]],
      }),
    );
    expect(examples.map((example) => [example.q, example.count])).toEqual([
      ["datatype:DAOD_PHYS", 30],
      ["project:data18_13TeV", 26],
      ["run:349000..349999", 10],
      ["scope:data18_13TeV", 26],
    ]);
  });

  it("quotes a value as the query language needs and stops at the most asked for", () => {
    const examples = exampleQueries(
      facets({
        datatype: [["A", 1]],
        project: [["B", 1]],
        run: [["1..2", 1]],
        campaign: [["C", 1]],
        stream: [["physics Main", 1]],
        scope: [["s", 1]],
      }),
      5,
    );
    expect(examples.map((example) => example.q)).toEqual([
      "datatype:A",
      "project:B",
      "run:1..2",
      "campaign:C",
      'stream:"physics Main"',
    ]);
  });

  it("has none for an empty catalog", () => {
    expect(exampleQueries(facets({}))).toEqual([]);
  });
});
