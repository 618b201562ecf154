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
  it("appends field:value to the canonical query", () => {
    expect(addTerm("DAOD_PHYS  data18", "datatype", "DAOD_PHYS")).toBe("DAOD_PHYS data18 datatype:DAOD_PHYS");
    expect(addTerm("", "scope", "user.jdoe")).toBe("scope:user.jdoe");
  });

  it("maps facet names to query fields and quotes values with spaces", () => {
    expect(addTerm("x", "prodStep", "deriv")).toBe("x prod_step:deriv");
    expect(addTerm("x", "run", "350000..350999")).toBe("x run:350000..350999");
    expect(addTerm("x", "stream", "physics Main")).toBe('x stream:"physics Main"');
  });

  it("does not repeat a term that is there (ignoring case) and replaces its exclusion", () => {
    expect(addTerm("a  datatype:daod_phys", "datatype", "DAOD_PHYS")).toBe("a  datatype:daod_phys");
    expect(addTerm("a -datatype:AOD b", "datatype", "AOD")).toBe("a b datatype:AOD");
  });

  it("adds and replaces metadata facet terms as meta.KEY:value", () => {
    expect(addTerm("x", "meta.data_tier", "NANOAOD")).toBe("x meta.data_tier:NANOAOD");
    expect(addTerm("x meta.era:run2018a", "meta.era", "Run2018A")).toBe("x meta.era:run2018a");
    expect(addTerm("-meta.era:Run2018A x", "meta.era", "Run2018A")).toBe("x meta.era:Run2018A");
    expect(addTerm("x", "meta.primary_dataset", "Single Muon")).toBe('x meta.primary_dataset:"Single Muon"');
  });

  it("keeps a query that does not parse and appends the term", () => {
    expect(addTerm('broken "quote ', "type", "dataset")).toBe('broken "quote type:dataset');
  });
});

describe("removeTerm", () => {
  it("removes the positive terms with that value and reprints", () => {
    expect(removeTerm("a datatype:DAOD_PHYS  b", "datatype", "daod_phys")).toBe("a b");
    expect(removeTerm("run:350000..350999 x", "run", "350000..350999")).toBe("x");
    expect(removeTerm("prod_step:deriv", "prodStep", "deriv")).toBe("");
  });

  it("removes a metadata facet term, not another key's", () => {
    expect(removeTerm("a meta.era:Run2018A meta.tier:Run2018A", "meta.era", "run2018a")).toBe("a meta.tier:Run2018A");
  });

  it("returns the very same string when there is nothing to remove, so callers can tell", () => {
    const q = "a  -datatype:AOD datatype:AODX";
    expect(removeTerm(q, "datatype", "AOD")).toBe(q);
    expect(removeTerm('bad "', "datatype", "AOD")).toBe('bad "');
  });
});
