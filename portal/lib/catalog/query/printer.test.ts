import { describe, expect, it } from "vitest";
import { addTerm, parseQuery, printQuery, removeTerm, type Query } from ".";

/** The AST without source positions: what a query means, not where its text sat. */
const meaning = (query: Query) => query.terms.map(({ span: _span, ...rest }) => rest);

describe("printQuery", () => {
  it.each([
    'DAOD_PHYS "physics Main" -AOD DAOD_PHYS* "deriv DAOD"* -"a b"',
    'scope:data18_13TeV name:data18*PHYS?? stream:"physics Main" -type:container prod_step:deriv',
    "run:350000..350999 run>=348885 events>1.5M size<=500MiB created:2018-01..2018-03 created>2018-07-01",
    "version:r13286_p4910 campaign:mc20a account:jdoe instance:atlas files<10 project:data18_13TeV datatype:DAOD_*",
    'meta.era:"Run 2018A" -meta.data_tier:NANO* meta.nevents>=5 meta.xsec:-0.5..2.25 DAOD',
  ])("round-trips %s", (q) => {
    const printed = printQuery(parseQuery(q));
    expect(meaning(parseQuery(printed))).toEqual(meaning(parseQuery(q)));
    expect(printQuery(parseQuery(printed))).toBe(printed);
  });

  it("writes metadata terms as meta.KEY, keeping the key's case", () => {
    expect(printQuery(parseQuery('META.Era:"Run2018A"  -Meta.n_files<3'))).toBe("meta.Era:Run2018A -meta.n_files<3");
  });

  it("normalizes spacing, aliases and redundant quotes", () => {
    expect(printQuery(parseQuery('  run_number:1   bytes>1GB  stream_name:"physics_Main"  DAOD_* '))).toBe(
      "run:1 size>1GB stream:physics_Main DAOD_",
    );
  });
});

describe("addTerm", () => {
  it.each([
    [
      "appends field:value to the canonical query",
      "DAOD_PHYS  data18",
      "datatype",
      "DAOD_PHYS",
      "DAOD_PHYS data18 datatype:DAOD_PHYS",
    ],
    ["appends to an empty query", "", "scope", "user.jdoe", "scope:user.jdoe"],
    ["maps facet names to query fields", "x", "prodStep", "deriv", "x prod_step:deriv"],
    ["writes a run range", "x", "run", "350000..350999", "x run:350000..350999"],
    ["quotes values with spaces", "x", "stream", "physics Main", 'x stream:"physics Main"'],
    [
      "does not repeat a term that is there, ignoring case",
      "a  datatype:daod_phys",
      "datatype",
      "DAOD_PHYS",
      "a  datatype:daod_phys",
    ],
    ["replaces the term's exclusion", "a -datatype:AOD b", "datatype", "AOD", "a b datatype:AOD"],
    ["adds a metadata facet term as meta.KEY:value", "x", "meta.data_tier", "NANOAOD", "x meta.data_tier:NANOAOD"],
    [
      "does not repeat a metadata term, ignoring case",
      "x meta.era:run2018a",
      "meta.era",
      "Run2018A",
      "x meta.era:run2018a",
    ],
    ["replaces a metadata term's exclusion", "-meta.era:Run2018A x", "meta.era", "Run2018A", "x meta.era:Run2018A"],
    [
      "quotes a metadata value with spaces",
      "x",
      "meta.primary_dataset",
      "Single Muon",
      'x meta.primary_dataset:"Single Muon"',
    ],
    [
      "keeps a query that does not parse and appends the term",
      'broken "quote ',
      "type",
      "dataset",
      'broken "quote type:dataset',
    ],
  ] as const)("%s", (_case, q, field, value, expected) => {
    expect(addTerm(q, field, value)).toBe(expected);
  });
});

describe("removeTerm", () => {
  it.each([
    ["a datatype:DAOD_PHYS  b", "datatype", "daod_phys", "a b"],
    ["run:350000..350999 x", "run", "350000..350999", "x"],
    ["prod_step:deriv", "prodStep", "deriv", ""],
    ["a meta.era:Run2018A meta.tier:Run2018A", "meta.era", "run2018a", "a meta.tier:Run2018A"],
  ] as const)("removes the positive terms of %s with %s = %s and reprints", (q, field, value, expected) => {
    expect(removeTerm(q, field, value)).toBe(expected);
  });

  it("returns the very same string when there is nothing to remove, so callers can tell", () => {
    const q = "a  -datatype:AOD datatype:AODX";
    expect(removeTerm(q, "datatype", "AOD")).toBe(q);
    expect(removeTerm('bad "', "datatype", "AOD")).toBe('bad "');
  });
});
