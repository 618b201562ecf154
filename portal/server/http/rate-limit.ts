import "server-only";
import { clientAddress } from "@/server/client-address";
import { env } from "@/server/env";
import { HttpError } from "./http-error";

/**
 * Per-client budgets for routes whose cost falls on something other than the portal's database: live
 * Rucio reads (each one a call, some a stream over every file of a DID) and the embed code exchange.
 * A token bucket per client address and route kind, refilled continuously. In-process: with several
 * portal processes each keeps its own, so a client gets at most that many times the budget.
 */
export type RateLimitName = "live-rucio" | "embed-sign-in";

const BUCKETS_KEPT = 10_000;

interface Bucket {
  tokens: number;
  updatedMs: number;
}

const buckets = new Map<string, Bucket>();

function perMinute(name: RateLimitName): number {
  return name === "live-rucio" ? env.RATE_LIMIT_LIVE_RUCIO_PER_MINUTE : env.RATE_LIMIT_EMBED_SIGN_IN_PER_MINUTE;
}

/** Takes one request from the client's budget, or throws 429 with when to try again. */
export function checkRateLimit(name: RateLimitName, request: Request, nowMs = Date.now()): void {
  const capacity = perMinute(name);
  const key = `${name}\n${clientAddress(Object.fromEntries(request.headers))}`;
  const bucket = buckets.get(key) ?? { tokens: capacity, updatedMs: nowMs };
  bucket.tokens = Math.min(capacity, bucket.tokens + ((nowMs - bucket.updatedMs) / 60_000) * capacity);
  bucket.updatedMs = nowMs;
  buckets.delete(key);
  buckets.set(key, bucket);
  if (buckets.size > BUCKETS_KEPT) buckets.delete(buckets.keys().next().value!);
  if (bucket.tokens < 1) {
    const waitSeconds = Math.ceil(((1 - bucket.tokens) / capacity) * 60);
    throw new HttpError(
      429,
      `Too many requests from this client; try again in ${waitSeconds} s`,
      {},
      { "Retry-After": String(waitSeconds) },
    );
  }
  bucket.tokens -= 1;
}

/** Empties every budget (tests start from full budgets). */
export function forgetRateLimits(): void {
  buckets.clear();
}
