import { describe, expect, it } from "vitest";
import { parseQuery } from ".";
import { syntaxErrorOf } from "./test-support";

const terms = (q: string) => parseQuery(q).terms;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe("parseQuery accepts", () => {
  it("free-text words split into search tokens, as the index splits names", () => {
    expect(terms("DAOD_PHYS data18_13TeV")).toMatchObject([
      {
        kind: "text",
        text: "DAOD_PHYS",
        tokens: ["daod", "phys"],
        quoted: false,
        prefix: false,
        negated: false,
        span: { position: 0, length: 9 },
      },
      { kind: "text", text: "data18_13TeV", tokens: ["data18", "13tev"], span: { position: 10, length: 12 } },
    ]);
  });

  it("quoted phrases, a trailing * as a prefix on the last token, and exclusions", () => {
    expect(terms('"physics Main" DAOD_PHYS* -"deriv DAOD"* -AOD')).toMatchObject([
      { kind: "text", text: "physics Main", quoted: true, tokens: ["physics", "main"], prefix: false },
      { kind: "text", text: "DAOD_PHYS", prefix: true, tokens: ["daod", "phys"] },
      {
        kind: "text",
        text: "deriv DAOD",
        quoted: true,
        prefix: true,
        negated: true,
        span: { position: 26, length: 14 },
      },
      { kind: "text", text: "AOD", negated: true },
    ]);
  });

  it("a star after a separator adds nothing: the last token is already complete", () => {
    expect(terms("DAOD_*")).toMatchObject([{ tokens: ["daod"], prefix: false }]);
  });

  it("skips words with no letters or digits instead of failing", () => {
    expect(terms("  DAOD . :-) -- ---")).toMatchObject([{ text: "DAOD" }]);
  });

  it("text fields with wildcards, quoted values and aliases (case-insensitive field names)", () => {
    expect(terms('Scope:data18_13TeV name:data18*PHYS?? stream_name:"physics Main" prodStep:deriv')).toMatchObject([
      { kind: "field", field: "scope", op: ":", value: { type: "text", text: "data18_13TeV", pattern: false } },
      { kind: "field", field: "name", value: { type: "text", text: "data18*PHYS??", pattern: true } },
      { kind: "field", field: "stream", raw: "physics Main", value: { type: "text", text: "physics Main" } },
      { kind: "field", field: "prod_step", value: { type: "text", text: "deriv" } },
    ]);
  });

  it("type values in any case", () => {
    expect(terms("type:Dataset -type:CONTAINER")).toMatchObject([
      { field: "type", value: { type: "didType", didType: "DATASET" } },
      { field: "type", negated: true, value: { type: "didType", didType: "CONTAINER" } },
    ]);
  });

  it("numbers with comparisons, ranges and multipliers", () => {
    expect(terms("run:350000..350999 run_number>=348885 events>1.5M files<10 size:1..2k")).toMatchObject([
      { field: "run", op: ":", value: { type: "numberRange", from: 350000, to: 350999 } },
      { field: "run", op: ">=", value: { type: "number", value: 348885 } },
      { field: "events", op: ">", value: { type: "number", value: 1_500_000 } },
      { field: "files", op: "<", value: { type: "number", value: 10 } },
      { field: "size", value: { type: "numberRange", from: 1, to: 2000 } },
    ]);
  });

  it("sizes in SI and IEC units", () => {
    const sizes = terms("size>10GB bytes<=500MiB size>=1.5TB size<2tib size:123").map(
      (t) => t.kind === "field" && t.value,
    );
    expect(sizes).toEqual([
      { type: "number", value: 10e9 },
      { type: "number", value: 500 * 2 ** 20 },
      { type: "number", value: 1.5e12 },
      { type: "number", value: 2 * 2 ** 40 },
      { type: "number", value: 123 },
    ]);
  });

  it("dates as days, months and years, and ranges of them", () => {
    expect(terms("created>=2018-07-01 created:2018-02 created<2019 created:2018-01-15..2018-03")).toMatchObject([
      { field: "created", op: ">=", value: { type: "date", start: day("2018-07-01"), end: day("2018-07-02") } },
      { field: "created", value: { type: "date", start: day("2018-02-01"), end: day("2018-03-01") } },
      { field: "created", op: "<", value: { type: "date", start: day("2019-01-01"), end: day("2020-01-01") } },
      { field: "created", value: { type: "dateRange", start: day("2018-01-15"), end: day("2018-04-01") } },
    ]);
  });

  it("leap days only in leap years", () => {
    expect(terms("created:2024-02-29")).toHaveLength(1);
    expect(syntaxErrorOf("created:2023-02-29")).toMatchObject({ position: 8, length: 10 });
  });

  it("metadata keys of any experiment: text, wildcards, numbers, comparisons and ranges", () => {
    expect(
      terms('meta.era:Run2018A META.primary_dataset:"Single Muon" meta.data_tier:MINI* -meta.is_open:true'),
    ).toMatchObject([
      { kind: "meta", key: "era", op: ":", value: { type: "text", text: "Run2018A", pattern: false, number: null } },
      { kind: "meta", key: "primary_dataset", raw: "Single Muon", value: { type: "text", text: "Single Muon" } },
      { kind: "meta", key: "data_tier", value: { type: "text", text: "MINI*", pattern: true } },
      { kind: "meta", key: "is_open", negated: true, value: { type: "text", text: "true" } },
    ]);
    expect(terms("meta.task_id:4 meta.xsec>=0.25 meta.lumi:-1.5..300 meta.weird-key<0")).toMatchObject([
      { key: "task_id", value: { type: "text", text: "4", number: 4 } },
      { key: "xsec", op: ">=", value: { type: "number", value: 0.25 } },
      { key: "lumi", value: { type: "numberRange", from: -1.5, to: 300 } },
      { key: "weird-key", op: "<", value: { type: "number", value: 0 } },
    ]);
  });

  it("the empty query and white space", () => {
    expect(terms("")).toEqual([]);
    expect(terms(" \t\n ")).toEqual([]);
  });

  it("operator characters and FTS syntax inside words as plain text", () => {
    expect(terms('NEAR(a b) x AND y OR "a" ^b')).toMatchObject([
      { tokens: ["near", "a"] },
      { tokens: ["b"] },
      { tokens: ["x"] },
      { tokens: ["and"] },
      { tokens: ["y"] },
      { tokens: ["or"] },
      { quoted: true, tokens: ["a"] },
      { tokens: ["b"] },
    ]);
  });
});

describe("parseQuery rejects, pointing at the offending text", () => {
  it.each([
    ["unknown field", "DAOD colour:red", { position: 5, length: 6 }, /Unknown field "colour"/],
    ["unclosed quote", 'DAOD "physics Main', { position: 5, length: 13 }, /never closed/],
    ["unclosed quoted value", 'stream:"physics', { position: 7, length: 8 }, /never closed/],
    ["text glued to a closing quote", '"physics Main"x', { position: 14, length: 1 }, /space between a closing quote/],
    ["quote inside a word", 'abc"def"', { position: 3, length: 1 }, /must start a term/],
    ["empty phrase", 'a "" b', { position: 2, length: 2 }, /no letters or digits/],
    ["dangling -", "DAOD -", { position: 5, length: 1 }, /lone -/],
    ["double -", "--DAOD", { position: 0, length: 2 }, /single -/],
    ["excluding nothing", "-...", { position: 0, length: 4 }, /no letters or digits/],
    ["empty value", "datatype: DAOD", { position: 0, length: 9 }, /needs a value/],
    ["dangling operator", "size>=", { position: 0, length: 6 }, /needs a value/],
    ["empty quoted value", 'scope:""', { position: 0, length: 8 }, /needs a value/],
    ["operator without field", "DAOD >5", { position: 5, length: 1 }, /needs a field name/],
    ["comparison on a text field", "datatype>AOD", { position: 8, length: 1 }, /not a comparison/],
    ["bad type", "type:file2", { position: 5, length: 5 }, /dataset, container or file/],
    ["bad number", "run:34x", { position: 4, length: 3 }, /not a whole number/],
    ["fractional count", "events:1.5", { position: 7, length: 3 }, /not a whole number/],
    ["bad size unit", "size>10GBs", { position: 5, length: 5 }, /not a size/],
    ["bad date", "created>=2018-13-01", { position: 9, length: 10 }, /no month 13/],
    ["date before 1970", "created<0050", { position: 8, length: 4 }, /before 1970/],
    ["malformed date", "created:18-01-01", { position: 8, length: 8 }, /not a date/],
    ["range without an end", "run:350000..", { position: 4, length: 8 }, /both ends/],
    ["reversed range", "run:351000..350000", { position: 4, length: 14 }, /starts after it ends/],
    ["range after a comparison", "run>=1..2", { position: 5, length: 4 }, /after a colon/],
    ["wildcard inside a free-text word", "DAOD_*LITE", { position: 5, length: 1 }, /only end a word/],
    ["question mark in free text", "data1?", { position: 5, length: 1 }, /only end a word/],
    ["prefix too short", "a*", { position: 0, length: 2 }, /at least 2/],
    ["number too large", "events>99999999999999999", { position: 7, length: 17 }, /too large/],
    ["metadata comparison with text", "meta.era>Run2018", { position: 9, length: 7 }, /not a number/],
    ["metadata range of text", "meta.era:A..B", { position: 9, length: 4 }, /not a number/],
    ["metadata key without a value", "meta.era: x", { position: 0, length: 9 }, /needs a value/],
    ["nested metadata key", "meta.a.b:1", { position: 0, length: 8 }, /nested keys are not searchable/],
    ["empty metadata key", "x meta.:1", { position: 2, length: 5 }, /metadata key has 1 to 64/],
  ])("%s", (_kind, q, span, message) => {
    const error = syntaxErrorOf(q);
    expect(error).toMatchObject(span);
    expect(error.message).toMatch(message);
  });

  it("queries that are too long or have too many terms", () => {
    expect(syntaxErrorOf("x".repeat(1001))).toMatchObject({ position: 1000, length: 1 });
    const many = Array.from({ length: 33 }, (_, i) => `w${i}`).join(" ");
    expect(syntaxErrorOf(many)).toMatchObject({ position: many.lastIndexOf("w32"), length: 3 });
  });
});
