import { describe, expect, it } from "vitest";
import { MAX_EXCLUSIONS, MAX_TERMS, parseQuery } from ".";
import { syntaxErrorOf } from "./test-support";

const exclusions = (count: number) => Array.from({ length: count }, (_, i) => `-"phrase ${i}"`).join(" ");

describe("query limits refuse work no index can bound", () => {
  it("the reported attack: a leading-wildcard pattern with 31 excluded phrases", () => {
    const q = `name:*x* ${exclusions(MAX_TERMS - 1)}`;
    const fifth = q.indexOf('-"phrase 4"');
    expect(syntaxErrorOf(q)).toMatchObject({
      message: /at most 4 terms/,
      position: fifth,
      length: '-"phrase 4"'.length,
    });
  });

  it("a fifth exclusion, of any kind, pointing at it", () => {
    const q = "DAOD_PHYS -data15 -data16 -type:container -datatype:AOD -run:1..9";
    expect(syntaxErrorOf(q)).toMatchObject({
      message: /exclude at most 4 terms.*remove this one/,
      position: q.indexOf("-run"),
      length: "-run:1..9".length,
    });
    expect(() => parseQuery(exclusions(MAX_EXCLUSIONS))).not.toThrow();
  });

  it("a fifth metadata key, pointing at it; a pattern with a metadata key and an exclusion needs a narrowing term", () => {
    const q = "meta.a:1 meta.b:x meta.c>2 -meta.d:y meta.e:z";
    expect(syntaxErrorOf(q)).toMatchObject({
      message: /at most 4 metadata keys/,
      position: q.indexOf("meta.e"),
      length: "meta.e:z".length,
    });
    expect(() => parseQuery("meta.a:1 meta.b:x meta.c>2 -meta.d:y")).not.toThrow();
    expect(syntaxErrorOf("name:*PHYS* meta.a:1 -AOD")).toMatchObject({ message: /combined with exclusions/ });
    expect(() => parseQuery("name:*PHYS* meta.a:1 -AOD scope:data18_13TeV")).not.toThrow();
  });

  it("a second pattern starting with a wildcard, or with fewer than 2 characters before it", () => {
    expect(syntaxErrorOf("scope:data18 name:*PHYS* datatype:*AOD")).toMatchObject({
      message: /start this one with at least 2 characters/,
      position: 25,
      length: 13,
    });
    expect(syntaxErrorOf("name:*PHYS* campaign:m?20a")).toMatchObject({ position: 12, length: 14 });
    expect(syntaxErrorOf("name:a* -name:?b*")).toMatchObject({ message: /Only 1 pattern/, position: 8, length: 9 });
  });

  it("a pattern starting with a wildcard together with exclusions and nothing to narrow by", () => {
    expect(syntaxErrorOf("name:*PHYS* -data18")).toMatchObject({
      message: /add one .* or remove the exclusions/,
      position: 0,
      length: 11,
    });
    expect(syntaxErrorOf("-data18 -name:*x*")).toMatchObject({ position: 8, length: 9 });
    // Fields without an index (events, account) narrow nothing.
    expect(syntaxErrorOf("events>10 account:jdoe -type:container name:*_tid*")).toMatchObject({
      position: 39,
      length: 11,
    });
  });
});

describe("query limits accept", () => {
  it.each([
    // The README's query table.
    "DAOD_PHYS data18",
    '"physics_Main.deriv"',
    "DAOD_PHYS* name:data18_13TeV.*.DAOD_PHYS.*",
    "datatype:DAOD_PHYS project:data18_13TeV stream:physics_Main campaign:mc20a prod_step:deriv",
    "run:348885 run:350000..350999 run>=350000 events>1000000 size>10GB files<100 created>=2026-01-01",
    "scope:mc20_13TeV type:container account:jdoe instance:default",
    "-datatype:DAOD_PHYSLITE -Zee",
    // Alone, a pattern starting with a wildcard or an exclusion is one test per row.
    "name:*PHYSLITE*",
    "name:*PHYSLITE*_tid*",
    `name:${"*".repeat(900)}`,
    "-name:*x*",
    "-scope:scale_13TeV",
    // Four exclusions; a pattern with exclusions once a word or an indexed field value narrows the rows.
    "-a1 -b2 -c3 -d4",
    "DAOD_PHYS name:*_tid* -data15 -data16 -data17 -data18",
    "scope:data18_13TeV name:*PHYS* -type:container",
    "campaign:mc2?e version:r13* datatype:daod_*",
    // The total cap is unchanged.
    Array.from({ length: MAX_TERMS }, (_, i) => `w${i}`).join(" "),
  ])("%s", (q) => {
    expect(() => parseQuery(q)).not.toThrow();
  });
});
