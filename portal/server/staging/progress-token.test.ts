import { describe, expect, it } from "vitest";
import {
  hashProgressToken,
  isProgressTokenExpired,
  issueProgressToken,
  progressTokenFromHeader,
} from "./progress-token";

describe("download progress tokens", () => {
  it("issues random tokens whose SHA-256 is what gets stored", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const a = issueProgressToken(900, now);
    const b = issueProgressToken(900, now);
    expect(a.token).not.toBe(b.token);
    expect(a.token).toMatch(/^stgp_[\w-]{43}$/);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).toBe(hashProgressToken(a.token));
    expect(a.hash).not.toContain(a.token.slice(5, 15));
    expect(a.expiresAt.toISOString()).toBe("2026-01-01T00:15:00.000Z");
  });

  it("expires at its instant", () => {
    const expiresAt = new Date("2026-01-01T00:15:00Z");
    expect(isProgressTokenExpired(expiresAt, new Date("2026-01-01T00:14:59Z"))).toBe(false);
    expect(isProgressTokenExpired(expiresAt, new Date("2026-01-01T00:15:00Z"))).toBe(true);
    expect(isProgressTokenExpired(null)).toBe(true);
  });

  it("reads only bearer tokens of its own shape", () => {
    const { token } = issueProgressToken(60);
    expect(progressTokenFromHeader(`Bearer ${token}`)).toBe(token);
    expect(progressTokenFromHeader(`bearer ${token}`)).toBe(token);
    expect(progressTokenFromHeader(token)).toBeUndefined();
    expect(progressTokenFromHeader("Bearer eyJhbGciOi.session.jwt")).toBeUndefined();
    expect(progressTokenFromHeader(null)).toBeUndefined();
  });
});
