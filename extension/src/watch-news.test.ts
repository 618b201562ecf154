import { describe, expect, it } from "vitest";
import { catalogStrings } from "./translation";
import { watchNewsView } from "./watch-news";

const english = catalogStrings(null);

describe("watchNewsView", () => {
  it("hides the button when nothing is new", () => {
    expect(watchNewsView(0, english)).toBeNull();
  });

  it("says how many matches are new and what a click does", () => {
    expect(watchNewsView(3, english)).toEqual({
      text: "3 new in watched searches",
      label: "3 new in watched searches. Open the watched searches",
      title: "New datasets match your watched searches in the Rucio Catalog",
      state: "news",
    });
  });
});
