import { describe, expect, it } from "vitest";
import { parseIndexCliArgs } from "./cli-args";

describe("parseIndexCliArgs", () => {
  it("reads repeatable instances and scopes, --full, --no-bulk, --watch with an interval", () => {
    expect(parseIndexCliArgs(["--scope", "a", "--scope", "b", "--instance", "cern", "--full"], 0)).toEqual({
      instances: ["cern"],
      scopes: ["a", "b"],
      full: true,
      bulk: true,
      watch: false,
      intervalSeconds: 300,
      help: false,
    });
    expect(parseIndexCliArgs(["--watch", "--interval", "60"], 0)).toMatchObject({ watch: true, intervalSeconds: 60 });
    expect(parseIndexCliArgs(["--watch"], 900)).toMatchObject({ intervalSeconds: 900 });
    expect(parseIndexCliArgs(["--no-bulk"], 0)).toMatchObject({ bulk: false });
  });

  it("refuses unknown options, stray arguments and bad intervals", () => {
    expect(() => parseIndexCliArgs(["--scopes", "a"], 0)).toThrow(/Unknown option '--scopes'/);
    expect(() => parseIndexCliArgs(["data18_13TeV"], 0)).toThrow(/positional/i);
    expect(() => parseIndexCliArgs(["--watch", "--interval", "soon"], 0)).toThrow(/--interval/);
    expect(() => parseIndexCliArgs(["--interval", "60"], 0)).toThrow(/only applies with --watch/);
  });
});
