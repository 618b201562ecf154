import { describe, expect, it } from "vitest";
import { ResultCache } from "./result-cache";

describe("ResultCache", () => {
  it("answers a key again without computing, and shares one computation among concurrent askers", async () => {
    const cache = new ResultCache<number>(10);
    let runs = 0;
    const compute = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 10));
    const [first, second] = await Promise.all([cache.get("a", compute), cache.get("a", compute)]);
    expect([first, second, runs]).toEqual([1, 1, 1]);
    expect(await cache.get("a", compute)).toBe(1);
    expect(await cache.get("b", compute)).toBe(2);
  });

  it("keeps no failure: the next asker computes again", async () => {
    const cache = new ResultCache<string>(10);
    await expect(cache.get("a", () => Promise.reject(new Error("busy")))).rejects.toThrow("busy");
    expect(await cache.get("a", async () => "answer")).toBe("answer");
  });

  it("drops the least recently used answer beyond its capacity", async () => {
    const cache = new ResultCache<string>(2);
    await cache.get("a", async () => "a1");
    await cache.get("b", async () => "b1");
    await cache.get("a", async () => "a2"); // a is now the most recent
    await cache.get("c", async () => "c1");
    expect(cache.size).toBe(2);
    expect(await cache.get("a", async () => "a3")).toBe("a1");
    expect(await cache.get("b", async () => "b2")).toBe("b2");
  });

  it("with capacity 0 keeps nothing but still shares a running computation", async () => {
    const cache = new ResultCache<number>(0);
    let runs = 0;
    const compute = async () => ++runs;
    const [one, two] = await Promise.all([cache.get("a", compute), cache.get("a", compute)]);
    expect([one, two]).toEqual([1, 1]);
    expect(await cache.get("a", compute)).toBe(2);
  });
});
