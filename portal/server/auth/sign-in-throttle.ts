import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/server/db/client";

/**
 * Refuses userpass sign-ins after repeated failures, before Rucio is asked: at most
 * FAILURES_PER_CLIENT failed attempts per username and client address within a window, and
 * FAILURES_PER_USERNAME per username from any address (a client can forge X-Forwarded-For when no
 * proxy replaces it, so the per-address count alone could be dodged). The counts live in the
 * database: every portal replica sees the same ones. A successful sign-in clears them.
 */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const FAILURES_PER_CLIENT = 5;
export const FAILURES_PER_USERNAME = 20;

export interface SignInAttempt {
  instance: string;
  username: string;
  /** The client's address as the nearest proxy reports it ("unknown" when none does). */
  client: string;
}

function keysOf(attempt: SignInAttempt): { client: string; username: string } {
  const user = `${attempt.instance}\n${attempt.username.toLowerCase()}`;
  const hash = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
  return { client: hash(`client\n${user}\n${attempt.client}`), username: hash(`username\n${user}`) };
}

/**
 * The address in the last X-Forwarded-For entry: the one the proxy in front of the portal appended
 * (Next.js itself fills in the socket's address when the header is absent).
 */
export function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const last = typeof forwarded === "string" ? forwarded.split(",").at(-1)?.trim() : undefined;
  return last ? last.slice(0, 64) : "unknown";
}

/** Why this attempt is refused without asking Rucio, or undefined when it may go ahead. */
export async function signInRefusal(attempt: SignInAttempt, now = new Date()): Promise<string | undefined> {
  const keys = keysOf(attempt);
  const rows = await db.signInThrottle.findMany({
    where: { key: { in: [keys.client, keys.username] }, windowStart: { gt: new Date(now.getTime() - SIGN_IN_WINDOW_MS) } },
  });
  const blocking = rows.find((row) => row.failures >= (row.key === keys.client ? FAILURES_PER_CLIENT : FAILURES_PER_USERNAME));
  if (!blocking) return undefined;
  const minutes = Math.max(1, Math.ceil((blocking.windowStart.getTime() + SIGN_IN_WINDOW_MS - now.getTime()) / 60_000));
  return `Too many failed sign-ins for "${attempt.username}": try again in ${minutes} minute${minutes === 1 ? "" : "s"}`;
}

async function countFailure(key: string, now: Date): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await db.signInThrottle.upsert({ where: { key }, create: { key, failures: 1, windowStart: now }, update: { failures: { increment: 1 } } });
      return;
    } catch (error) {
      // Two replicas creating the same row at once: the loser's retry increments the winner's row.
      if (attempt > 0 || (error as { code?: string }).code !== "P2002") throw error;
    }
  }
}

/** Counts a failure Rucio reported (wrong password or unknown username). */
export async function recordFailedSignIn(attempt: SignInAttempt, now = new Date()): Promise<void> {
  const keys = keysOf(attempt);
  // Windows that ended start over; this also keeps the table small.
  await db.signInThrottle.deleteMany({ where: { windowStart: { lte: new Date(now.getTime() - SIGN_IN_WINDOW_MS) } } });
  await countFailure(keys.client, now);
  await countFailure(keys.username, now);
}

export async function clearFailedSignIns(attempt: SignInAttempt): Promise<void> {
  const keys = keysOf(attempt);
  await db.signInThrottle.deleteMany({ where: { key: { in: [keys.client, keys.username] } } });
}
