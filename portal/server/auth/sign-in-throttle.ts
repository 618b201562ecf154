import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/server/db/client";

/**
 * Slows password guessing before Rucio is asked, without handing anyone a way to lock a user out.
 * - Per username and client address: FAILURES_PER_CLIENT failed attempts within the window, then a
 *   refusal. The address is one the client cannot choose (server/client-address), and the attempt is
 *   counted before Rucio is asked, so parallel attempts cannot overrun the budget.
 * - Per username from anywhere: never a refusal, since anyone can add to that count and a refusal would
 *   lock the real user out. After FREE_FAILURES_PER_USERNAME failures each attempt waits first, doubling
 *   up to MAX_USERNAME_DELAY_MS: the real user waits a few seconds at worst, a guesser spread over many
 *   addresses pays that wait for each guess.
 * The counts live in the database: every portal replica sees the same ones. A success clears them.
 */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const FAILURES_PER_CLIENT = 5;
export const FREE_FAILURES_PER_USERNAME = 3;
export const FIRST_USERNAME_DELAY_MS = 500;
export const MAX_USERNAME_DELAY_MS = 8_000;

export interface SignInAttempt {
  instance: string;
  username: string;
  /** The client's address (server/client-address). */
  client: string;
}

/** Either why the attempt is refused, or how long it waits before Rucio is asked. */
export type SignInAdmission = { refusal: string } | { delayMs: number };

function keysOf(attempt: SignInAttempt): { client: string; username: string } {
  const user = `${attempt.instance}\n${attempt.username.toLowerCase()}`;
  const hash = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
  return { client: hash(`client\n${user}\n${attempt.client}`), username: hash(`username\n${user}`) };
}

export function usernameDelayMs(failures: number): number {
  if (failures < FREE_FAILURES_PER_USERNAME) return 0;
  return Math.min(MAX_USERNAME_DELAY_MS, FIRST_USERNAME_DELAY_MS * 2 ** (failures - FREE_FAILURES_PER_USERNAME));
}

const windowCutoff = (now: Date) => new Date(now.getTime() - SIGN_IN_WINDOW_MS);

async function countFailure(key: string, now: Date): Promise<{ failures: number; windowStart: Date }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.signInThrottle.upsert({
        where: { key },
        create: { key, failures: 1, windowStart: now },
        update: { failures: { increment: 1 } },
      });
    } catch (error) {
      // Two replicas creating the same row at once: the loser's retry increments the winner's row.
      if (attempt > 0 || (error as { code?: string }).code !== "P2002") throw error;
    }
  }
}

async function uncount(key: string): Promise<void> {
  await db.signInThrottle.updateMany({ where: { key, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } });
}

/**
 * Takes one attempt from the client's budget (as if it failed; a success clears it, an attempt Rucio
 * never judged gives it back with releaseSignIn) and tells how long the username's count makes it wait.
 */
export async function admitSignIn(attempt: SignInAttempt, now = new Date()): Promise<SignInAdmission> {
  const keys = keysOf(attempt);
  // Windows that ended start over; this also keeps the table small.
  await db.signInThrottle.deleteMany({ where: { windowStart: { lte: windowCutoff(now) } } });
  const client = await countFailure(keys.client, now);
  if (client.failures > FAILURES_PER_CLIENT) {
    await uncount(keys.client);
    const minutes = Math.max(1, Math.ceil((client.windowStart.getTime() + SIGN_IN_WINDOW_MS - now.getTime()) / 60_000));
    return {
      refusal: `Too many failed sign-ins for "${attempt.username}": try again in ${minutes} minute${minutes === 1 ? "" : "s"}`,
    };
  }
  const username = await db.signInThrottle.findUnique({ where: { key: keys.username } });
  return { delayMs: username && username.windowStart > windowCutoff(now) ? usernameDelayMs(username.failures) : 0 };
}

/** Counts a failure Rucio reported (wrong password or unknown username) against the username. */
export async function recordFailedSignIn(attempt: SignInAttempt, now = new Date()): Promise<void> {
  await countFailure(keysOf(attempt).username, now);
}

/** Gives an admitted attempt back that Rucio never judged (unreachable, or some other error). */
export async function releaseSignIn(attempt: SignInAttempt): Promise<void> {
  await uncount(keysOf(attempt).client);
}

export async function clearFailedSignIns(attempt: SignInAttempt): Promise<void> {
  const keys = keysOf(attempt);
  await db.signInThrottle.deleteMany({ where: { key: { in: [keys.client, keys.username] } } });
}
