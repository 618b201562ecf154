import { describe, expect, it } from "vitest";
import { nextNode } from "./hierarchy-keys";

describe("arrow keys in the hierarchy graph", () => {
  const tiers = [2, 1, 5];

  it("goes up to a parent and down to a child from the DID itself", () => {
    expect(nextNode({ tier: 1, index: 0 }, "ArrowUp", tiers)).toEqual({ tier: 0, index: 0 });
    expect(nextNode({ tier: 1, index: 0 }, "ArrowDown", tiers)).toEqual({ tier: 2, index: 0 });
  });

  it("keeps the position across tiers as far as the next tier reaches", () => {
    expect(nextNode({ tier: 2, index: 4 }, "ArrowUp", [2, 5, 5])).toEqual({ tier: 1, index: 4 });
    expect(nextNode({ tier: 2, index: 4 }, "ArrowUp", tiers)).toEqual({ tier: 1, index: 0 });
  });

  it("skips a tier without nodes and stops at the ends", () => {
    expect(nextNode({ tier: 2, index: 0 }, "ArrowUp", [3, 0, 1])).toEqual({ tier: 0, index: 0 });
    expect(nextNode({ tier: 0, index: 1 }, "ArrowUp", tiers)).toBeNull();
    expect(nextNode({ tier: 2, index: 1 }, "ArrowDown", tiers)).toBeNull();
    expect(nextNode({ tier: 1, index: 0 }, "ArrowUp", [0, 1, 3])).toBeNull();
  });

  it("moves along a tier with left, right, Home and End", () => {
    expect(nextNode({ tier: 2, index: 1 }, "ArrowRight", tiers)).toEqual({ tier: 2, index: 2 });
    expect(nextNode({ tier: 2, index: 1 }, "ArrowLeft", tiers)).toEqual({ tier: 2, index: 0 });
    expect(nextNode({ tier: 2, index: 0 }, "ArrowLeft", tiers)).toBeNull();
    expect(nextNode({ tier: 2, index: 4 }, "ArrowRight", tiers)).toBeNull();
    expect(nextNode({ tier: 2, index: 2 }, "Home", tiers)).toEqual({ tier: 2, index: 0 });
    expect(nextNode({ tier: 2, index: 2 }, "End", tiers)).toEqual({ tier: 2, index: 4 });
  });

  it("leaves other keys to the browser", () => {
    expect(nextNode({ tier: 1, index: 0 }, "Enter", tiers)).toBeNull();
    expect(nextNode({ tier: 1, index: 0 }, "Tab", tiers)).toBeNull();
  });
});
