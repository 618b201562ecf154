import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { didRefusal } from "./did";

const vectors = JSON.parse(readFileSync(new URL("../test-vectors/did-refs.json", import.meta.url), "utf8")) as {
  accept: [string, string][];
  refuse: [string, string][];
};

describe("DID scope and name rules (shared test vectors)", () => {
  it.each(vectors.accept)("accepts %s:%s", (scope, name) => expect(didRefusal(scope, name)).toBeNull());
  it.each(vectors.refuse)("refuses %j:%j", (scope, name) =>
    expect(didRefusal(scope, name)).toEqual(expect.any(String)),
  );
});
