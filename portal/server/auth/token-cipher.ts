import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Encryption of the Rucio tokens the portal keeps for signed-in users: AES-256-GCM with a key derived
 * (HKDF-SHA256) from the portal's secret. The associated data binds a ciphertext to its row, so a
 * ciphertext copied into another user's row does not decrypt.
 */
const FORMAT = "v1";
const KEY_INFO = "rucio-catalog: stored Rucio token v1";
const IV_BYTES = 12;

const keys = new Map<string, Buffer>();

function keyFor(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "rucio-catalog", KEY_INFO, 32));
    keys.set(secret, key);
  }
  return key;
}

export function encryptToken(token: string, binding: string, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFor(secret), iv);
  cipher.setAAD(Buffer.from(binding, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return [FORMAT, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** The token, or an error when the ciphertext was altered, belongs to another binding or another secret. */
export function decryptToken(sealed: string, binding: string, secret: string): string {
  const [format, iv, tag, ciphertext, ...rest] = sealed.split(".");
  if (format !== FORMAT || !iv || !tag || ciphertext === undefined || rest.length > 0) {
    throw new Error("Stored token has an unknown format");
  }
  const decipher = createDecipheriv("aes-256-gcm", keyFor(secret), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(binding, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
