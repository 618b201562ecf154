import type { TranslationBundle } from "@jupyterlab/translation";
import type { DatasetRef } from "@rucio-catalog/protocol";
import { describe, expect, it } from "vitest";
import { summarizeStates as summarize } from "./requirements";
import type { IDatasetState } from "./server-api";
import { catalogStrings } from "./translation";

const english = catalogStrings(null);
// A pseudo-language that brackets every message, to see which texts were translated as a whole.
const bracketed: TranslationBundle = Object.assign(Object.create(english) as TranslationBundle, {
  __: (msgid: string, ...args: unknown[]) => `[${english.__(msgid, ...args)}]`,
  _n: (msgid: string, plural: string, n: number, ...args: unknown[]) => `[${english._n(msgid, plural, n, ...args)}]`,
});
const summarizeStates = (declared: DatasetRef[], states: IDatasetState[]) => summarize(declared, states, english);

const ref = (name: string): DatasetRef => ({ instance: "default", scope: "data18_13TeV", name, type: "DATASET" });
const state = (name: string, change: Partial<IDatasetState>): IDatasetState => ({
  scope: "data18_13TeV",
  name,
  mode: "download",
  state: "available",
  filesTotal: 5,
  filesAvailable: 5,
  filesVisible: 5,
  ...change,
});

describe("summarizeStates", () => {
  it("says everything is here", () => {
    const summary = summarizeStates([ref("a")], [state("a", {})]);
    expect(summary).toMatchObject({ text: "Rucio data: 1/1 available", level: "available", missing: [] });
    expect(summary.title).toBe("data18_13TeV:a: available (5/5 files here)");
  });

  it("counts each state and offers to stage the missing ones", () => {
    const declared = [ref("a"), ref("b"), ref("c"), ref("d")];
    const summary = summarizeStates(declared, [
      state("a", {}),
      state("b", { state: "staging", filesAvailable: 2 }),
      state("c", { state: "missing", filesAvailable: 0 }),
      state("d", { state: "error", filesTotal: undefined, detail: "Data identifier 'data18_13TeV:d' not found" }),
    ]);
    expect(summary.text).toBe("Rucio data: 1/4 available · 1 staging · 1 missing · 1 error");
    expect(summary.level).toBe("error");
    expect(summary.missing).toEqual([ref("c")]);
    expect(summary.title.split("\n")[3]).toBe("data18_13TeV:d: error - Data identifier 'data18_13TeV:d' not found");
  });

  it("shows when Rucio says available but the mount does not show the files", () => {
    const summary = summarizeStates([ref("a")], [state("a", { mode: "rule", filesVisible: 0 })]);
    expect(summary.title).toBe("data18_13TeV:a: available (5/5 files here, 0 visible at the mount)");
  });

  it('is "staging" while nothing is missing but something is on its way', () => {
    expect(summarizeStates([ref("a")], [state("a", { state: "staging" })]).level).toBe("staging");
  });

  it("says everything in the user's language", () => {
    const summary = summarize(
      [ref("a"), ref("b")],
      [state("a", {}), state("b", { state: "error", filesTotal: undefined })],
      bracketed,
    );
    expect(summary.text).toBe("[Rucio data: 1/2 available] · [1 error]");
    expect(summary.title).toBe("data18_13TeV:a: [available] ([5/5 files here])\ndata18_13TeV:b: [error]");
  });
});
