import { createHash } from "node:crypto";
import { signInNonceValueSchema } from "@rucio-catalog/protocol";
import { describe, expect, it } from "vitest";
import { createSignInNonce } from "./sign-in-nonce";

describe("createSignInNonce", () => {
  it("makes a nonce the protocol accepts and the SHA-256 the portal checks it against", async () => {
    const { nonce, hash } = await createSignInNonce();
    expect(signInNonceValueSchema.safeParse(nonce).success).toBe(true);
    expect(hash).toBe(createHash("sha256").update(nonce).digest("base64url"));
  });

  it("makes a new nonce each time", async () => {
    const nonces = new Set(
      await Promise.all(Array.from({ length: 50 }, async () => (await createSignInNonce()).nonce)),
    );
    expect(nonces.size).toBe(50);
  });
});
