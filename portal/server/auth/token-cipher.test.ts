import { describe, expect, it } from "vitest";
import { decryptToken, encryptToken } from "./token-cipher";

const secret = "a-secret-that-is-long-enough-for-the-tests-0001";

describe("stored Rucio token encryption", () => {
  it("round-trips and never contains the token in clear", () => {
    const token = "jdoe-unknown-d3c0ffee1234567890abcdef";
    const sealed = encryptToken(token, "row-1\nuser-1\ndefault", secret);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(token);
    expect(Buffer.from(sealed.split(".")[3]!, "base64url").toString("utf8")).not.toContain("jdoe");
    expect(decryptToken(sealed, "row-1\nuser-1\ndefault", secret)).toBe(token);
  });

  it("uses a fresh IV each time", () => {
    expect(encryptToken("t", "b", secret)).not.toBe(encryptToken("t", "b", secret));
  });

  it("refuses another row's binding, another secret and any altered byte", () => {
    const sealed = encryptToken("token", "row-1\nuser-1\ndefault", secret);
    expect(() => decryptToken(sealed, "row-2\nuser-1\ndefault", secret)).toThrow();
    expect(() => decryptToken(sealed, "row-1\nuser-1\ndefault", `${secret}x`)).toThrow();
    const [format, iv, tag, data] = sealed.split(".");
    const flipped = Buffer.from(data!, "base64url");
    flipped[0]! ^= 1;
    expect(() =>
      decryptToken([format, iv, tag, flipped.toString("base64url")].join("."), "row-1\nuser-1\ndefault", secret),
    ).toThrow();
    expect(() => decryptToken("v2.a.b.c", "row-1\nuser-1\ndefault", secret)).toThrow(/unknown format/);
  });
});
