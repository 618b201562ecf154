import "server-only";
import { createHash, randomBytes } from "node:crypto";

/**
 * The token a download executor reports progress with. It is scoped to one request (the database keeps
 * only its SHA-256, unique per request), short-lived (each accepted report moves its expiry forward by
 * the configured lifetime) and handed out once, in the answer to the POST that created the request.
 */
const PREFIX = "stgp_";

export interface IssuedProgressToken {
  token: string;
  hash: string;
  expiresAt: Date;
}

export function hashProgressToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function issueProgressToken(ttlSeconds: number, now = new Date()): IssuedProgressToken {
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashProgressToken(token), expiresAt: new Date(now.getTime() + ttlSeconds * 1000) };
}

/** The token in an `Authorization: Bearer …` header, if it has the shape of one. */
export function progressTokenFromHeader(authorization: string | null): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  const token = match?.[1];
  return token && token.startsWith(PREFIX) && token.length <= 128 ? token : undefined;
}

export function isProgressTokenExpired(expiresAt: Date | null, now = new Date()): boolean {
  return !expiresAt || expiresAt.getTime() <= now.getTime();
}
