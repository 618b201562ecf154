import { describe, expect, it } from "vitest";
import { parseQuery } from "@/lib/catalog/query";
import { compileFilter, patternTokens } from "./compile";
import { render } from "./sql";

const compile = (q: string, dialect: "sqlite" | "postgresql") => compileFilter(parseQuery(q), dialect);
const rows = (q: string, dialect: "sqlite" | "postgresql") => {
  const filter = compile(q, dialect);
  return filter.rows.map((row) => render(dialect, row));
};

describe("compileFilter", () => {
  it("turns free text into FTS5 phrases and a tsquery of the same tokens plus an exact phrase test", () => {
    expect(compile('DAOD_PHYS* "physics Main"', "sqlite").fts).toBe('"daod phys"* AND "physics main"');
    const pg = compile('DAOD_PHYS* "physics Main"', "postgresql");
    expect(pg.fts).toBe("'daod' & 'phys':* & 'physics' & 'main'");
    expect(pg.rows.map((r) => r.params)).toEqual([[" daod phys"], [" physics main "]]);
  });

  it("keeps user text out of the SQL text: only placeholders, values as parameters", () => {
    const q = `'; DROP TABLE "Did" -- datatype:"x' OR 1=1" name:%_\\*`;
    for (const dialect of ["sqlite", "postgresql"] as const) {
      const filter = compile(q, dialect);
      for (const row of filter.rows) {
        expect(row.text).not.toMatch(/DROP|OR 1=1|x'/);
      }
      expect(filter.fts).toMatch(
        dialect === "sqlite"
          ? /^"[\p{L}\p{N} ]+"\*?( AND "[\p{L}\p{N} ]+"\*?)*$/u
          : /^'[\p{L}\p{N}]+'(:\*)?( & '[\p{L}\p{N}]+'(:\*)?)*$/u,
      );
    }
    expect(rows(q, "sqlite").at(-1)).toEqual({
      text: `lower("name") LIKE ? ESCAPE '\\' AND lower("name") >= ? AND lower("name") < ?`,
      params: ["\\%\\_\\\\%", "%_\\", "%_]"],
    });
  });

  it("matches field values ignoring ASCII case through the indexed lower() expression", () => {
    expect(rows("datatype:DAOD_PHYS", "sqlite")).toEqual([{ text: `lower("datatype") = ?`, params: ["daod_phys"] }]);
    expect(rows("datatype:DAOD_PHYS", "postgresql")).toEqual([
      { text: `lower("datatype" COLLATE "C") = $1`, params: ["daod_phys"] },
    ]);
  });

  it("bounds a value pattern with a literal start by an index range", () => {
    expect(rows("campaign:MC20*", "sqlite")).toEqual([
      {
        text: `lower("campaign") LIKE ? ESCAPE '\\' AND lower("campaign") >= ? AND lower("campaign") < ?`,
        params: ["mc20%", "mc20", "mc21"],
      },
    ]);
  });

  it("keeps rows with an empty column when a value is excluded", () => {
    expect(rows("-campaign:mc20a", "sqlite")).toEqual([
      { text: `("campaign" IS NULL OR NOT (lower("campaign") = ?))`, params: ["mc20a"] },
    ]);
  });

  it("compares int columns with bigint parameters on PostgreSQL, so huge numbers are no error", () => {
    expect(rows("run>99999999999", "postgresql")).toEqual([
      { text: `"runNumber" > CAST($1 AS bigint)`, params: [99999999999] },
    ]);
  });

  it("turns dates into half-open UTC intervals in each dialect's timestamp form", () => {
    expect(rows("created:2018-07", "sqlite")).toEqual([
      {
        text: `"rucioCreatedAt" >= ? AND "rucioCreatedAt" < ?`,
        params: ["2018-07-01T00:00:00.000+00:00", "2018-08-01T00:00:00.000+00:00"],
      },
    ]);
    expect(rows("created>2018", "postgresql")).toEqual([
      { text: `"rucioCreatedAt" >= CAST($1 AS timestamp)`, params: ["2019-01-01T00:00:00.000Z"] },
    ]);
  });

  it("asks SQLite's full-text index for facet values too (it has no other way to combine them)", () => {
    expect(compile("scope:data18_13TeV datatype:DAOD_PHYS", "sqlite").fts).toBe('"data18 13tev" AND "daod phys"');
    expect(compile("scope:data18_13TeV datatype:DAOD_PHYS", "postgresql").fts).toBeNull();
  });
});

describe("patternTokens", () => {
  it("keeps whole tokens and a prefix before a wildcard, drops tokens cut on the left", () => {
    expect(patternTokens("data18_13TeV.0034*")).toEqual([
      { tokens: ["data18"], prefix: false },
      { tokens: ["13tev"], prefix: false },
      { tokens: ["0034"], prefix: true },
    ]);
    expect(patternTokens("*PHYSLITE_tid*")).toEqual([{ tokens: ["tid"], prefix: true }]);
    expect(patternTokens("*.DAOD_?HYS.*")).toEqual([{ tokens: ["daod"], prefix: false }]);
    expect(patternTokens("a*")).toEqual([]);
  });
});
