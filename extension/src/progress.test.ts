import type { TranslationBundle } from "@jupyterlab/translation";
import { describe, expect, it } from "vitest";
import { formatBytes, percentOf, RECENT_MS, summarizeProgress as summarize, type ProgressItem } from "./progress";
import { catalogStrings } from "./translation";

const english = catalogStrings(null);
// A pseudo-language that brackets every message, to see which texts were translated as a whole.
const bracketed: TranslationBundle = Object.assign(Object.create(english) as TranslationBundle, {
  __: (msgid: string, ...args: unknown[]) => `[${english.__(msgid, ...args)}]`,
  _n: (msgid: string, plural: string, n: number, ...args: unknown[]) => `[${english._n(msgid, plural, n, ...args)}]`,
});
const summarizeProgress = (items: ProgressItem[], now: number) => summarize(items, now, english);

const NOW = 1_800_000_000_000;
const item = (change: Partial<ProgressItem>): ProgressItem => ({
  key: "k",
  requestId: null,
  label: "data18_13TeV:ds",
  state: "staging",
  filesDone: 0,
  filesTotal: 5,
  bytesDone: 0,
  bytesTotal: 80_000,
  error: null,
  updatedAt: NOW,
  ...change,
});

describe("formatBytes", () => {
  it.each([
    [0, "0 B"],
    [999, "999 B"],
    [18_763, "19 kB"],
    [1_500_000, "1.5 MB"],
    [2_000_000_000_000, "2.0 TB"],
  ])("%d -> %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe("percentOf", () => {
  it("follows bytes, not files", () => {
    expect(percentOf({ filesDone: 1, filesTotal: 2, bytesDone: 90, bytesTotal: 100 })).toBe(90);
  });

  it("never shows 100 % before everything is done", () => {
    expect(percentOf({ filesDone: 4, filesTotal: 5, bytesDone: 99_999, bytesTotal: 100_000 })).toBe(99);
    expect(percentOf({ filesDone: 5, filesTotal: 5, bytesDone: 100_000, bytesTotal: 100_000 })).toBe(100);
  });

  it("uses files when sizes are unknown", () => {
    expect(percentOf({ filesDone: 1, filesTotal: 4, bytesDone: 0, bytesTotal: 0 })).toBe(25);
    expect(percentOf({ filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0 })).toBe(0);
  });
});

describe("summarizeProgress", () => {
  it("adds up the active requests", () => {
    const summary = summarizeProgress(
      [
        item({ key: "a", filesDone: 2, bytesDone: 20_000 }),
        item({ key: "b", filesDone: 1, filesTotal: 2, bytesDone: 10_000, bytesTotal: 20_000 }),
        item({ key: "old", state: "done", filesDone: 5, bytesDone: 80_000 }),
      ],
      NOW,
    );
    expect(summary).toMatchObject({ text: "Rucio: 3/7 files · 30 kB/100 kB · 30%", percent: 30, state: "active" });
    expect(summary?.title.split("\n")).toHaveLength(3);
  });

  it("shows a recently finished download at 100 %", () => {
    const summary = summarizeProgress(
      [item({ state: "done", filesDone: 5, bytesDone: 80_000, updatedAt: NOW - 1000 })],
      NOW,
    );
    expect(summary).toMatchObject({ text: "Rucio: 5/5 files · 80 kB/80 kB · 100%", percent: 100, state: "done" });
  });

  it("reports failures with their error in the tooltip", () => {
    const summary = summarizeProgress([item({ state: "failed", error: "Data identifier not found." })], NOW);
    expect(summary?.text).toBe("Rucio: 1 staging request failed");
    expect(summary?.title).toContain("Data identifier not found.");
    expect(
      summarizeProgress([item({ key: "a", state: "failed" }), item({ key: "b", state: "failed" })], NOW)?.text,
    ).toBe("Rucio: 2 staging requests failed");
  });

  it("says everything in the user's language", () => {
    const active = summarize([item({ filesDone: 2, bytesDone: 20_000 })], NOW, bracketed);
    expect(active?.text).toBe("[Rucio: 2/5 files · 20 kB/80 kB · 25%]");
    expect(active?.title).toBe(
      "[data18_13TeV:ds: [staging], 2/5 files, 20 kB of 80 kB]\n[Click to open the staging history.]",
    );
    expect(summarize([item({ state: "failed" })], NOW, bracketed)?.text).toBe("[Rucio: 1 staging request failed]");
  });

  it("shows nothing for old finished requests", () => {
    expect(summarizeProgress([item({ state: "done", updatedAt: NOW - RECENT_MS - 1 })], NOW)).toBeNull();
    expect(summarizeProgress([], NOW)).toBeNull();
  });
});
