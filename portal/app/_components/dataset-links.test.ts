import { describe, expect, it } from "vitest";
import { datasetApiPath, datasetHref, didFromPageParams } from "./dataset-links";

describe("dataset links", () => {
  it("encodes a name with '/' as one segment and names only non-default instances", () => {
    expect(datasetHref({ instance: "default", scope: "cms", name: "/EGamma/Run2018A/MINIAOD" }, "default")).toBe(
      "/datasets/cms/%2FEGamma%2FRun2018A%2FMINIAOD",
    );
    expect(datasetHref({ instance: "atlas", scope: "user.jdoe", name: "a b" }, "default")).toBe(
      "/datasets/user.jdoe/a%20b?instance=atlas",
    );
    expect(datasetApiPath({ instance: "default", scope: "s", name: "x/y" }, "/files")).toBe(
      "/api/datasets/s/x%2Fy/files?instance=default",
    );
  });

  it("reads page params back, encoded or split on raw slashes", () => {
    expect(didFromPageParams("cms", ["%2FEGamma%2FRun2018A%2FMINIAOD"])).toEqual({
      scope: "cms",
      name: "/EGamma/Run2018A/MINIAOD",
    });
    expect(didFromPageParams("cms", ["EGamma", "Run2018A"])).toEqual({ scope: "cms", name: "EGamma/Run2018A" });
    expect(didFromPageParams("user.jdoe", ["a%20b"])).toBeNull();
    expect(didFromPageParams("s", ["..", "accounts", "root"])).toBeNull();
    expect(didFromPageParams("s", ["%2Fa%2F..%2F..%2Faccounts"])).toBeNull();
    expect(didFromPageParams("..", ["x"])).toBeNull();
    expect(didFromPageParams("s", ["x".repeat(501)])).toBeNull();
    expect(didFromPageParams("s", ["bad%E0%A4%A"])).toBeNull();
    expect(didFromPageParams("s", [])).toBeNull();
  });
});
