import { describe, expect, it } from "vitest";
import { didParams, instanceQuery } from "./did-input";
import { parseInput } from "./parse-input";

const refusal = (value: unknown) => {
  try {
    parseInput(didParams, value);
    return null;
  } catch (error) {
    return error as { status: number; message: string };
  }
};

describe("dataset API input", () => {
  it("accepts a DID with '/' in its name, on the default instance", () => {
    expect(parseInput(didParams, { scope: "cms_run2", name: "/EGamma/Run2018A-UL2018/MINIAOD" })).toEqual({
      scope: "cms_run2",
      name: "/EGamma/Run2018A-UL2018/MINIAOD",
    });
    expect(parseInput(instanceQuery, {})).toEqual({ instance: "default" });
  });

  it.each([
    ["a bad scope", { scope: "bad scope", name: "x" }, /scope/],
    ["an over-long name", { scope: "s", name: "x".repeat(501) }, /500/],
    ["a control character", { scope: "s", name: "a\u0000b" }, /control/],
    ["'..' between slashes", { scope: "s", name: "/a/../../accounts/root" }, /name cannot be/],
  ])("answers 400 with a message for %s", (_label, params, message) => {
    expect(refusal(params)).toMatchObject({ status: 400, message: expect.stringMatching(message) });
  });

  it("refuses an instance the portal is not configured for", () => {
    expect(() => parseInput(instanceQuery, { instance: "elsewhere" })).toThrow(/instance/);
  });
});
