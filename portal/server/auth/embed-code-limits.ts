import "server-only";
import { db } from "@/server/db/client";
import { HttpError } from "@/server/http/http-error";

/**
 * Per-account limits on embed sign-in codes, on top of the per-client rate limit of the route: a
 * holder of one Rucio token (stolen, or its owner scripting) cannot stockpile codes to plant on others.
 * Both are counted after the new row is written, so concurrent requests can refuse each other but never
 * both get past the limit. The counts live in the database, shared by every portal replica.
 */
export const UNREDEEMED_CODES_PER_ACCOUNT = 5;
export const CODES_PER_ACCOUNT_PER_HOUR = 30;

export interface EmbedAccount {
  instance: string;
  account: string;
}

/** Where an account's codes sit among VerificationToken identifiers. */
export const accountIdentifierPrefix = ({ instance, account }: EmbedAccount) => `embed:${instance}/${account}:`;

/**
 * 429 when the account was issued more than CODES_PER_ACCOUNT_PER_HOUR codes in the last hour. Every
 * code comes with its own EMBED sign-in row, created just before this check, so those rows are the count.
 */
export async function checkHourlyCodes(who: EmbedAccount, now: Date): Promise<void> {
  const anHourAgo = new Date(now.getTime() - 60 * 60_000);
  const issued = await db.rucioCredential.count({
    where: { kind: "EMBED", instance: who.instance, account: who.account, createdAt: { gt: anHourAgo } },
  });
  if (issued > CODES_PER_ACCOUNT_PER_HOUR) {
    throw new HttpError(
      429,
      `Rucio account "${who.account}" asked for more than ${CODES_PER_ACCOUNT_PER_HOUR} panel sign-ins in the last hour; try again later`,
      {},
      { "Retry-After": "600" },
    );
  }
}

/** 429 when the account holds more than UNREDEEMED_CODES_PER_ACCOUNT live codes (the new one included). */
export async function checkUnredeemedCodes(who: EmbedAccount, now: Date, codeTtlMs: number): Promise<void> {
  const live = await db.verificationToken.count({
    where: { identifier: { startsWith: accountIdentifierPrefix(who) }, expires: { gt: now } },
  });
  if (live > UNREDEEMED_CODES_PER_ACCOUNT) {
    const seconds = Math.ceil(codeTtlMs / 1000);
    throw new HttpError(
      429,
      `Rucio account "${who.account}" already has ${UNREDEEMED_CODES_PER_ACCOUNT} unused panel sign-in codes; try again in ${seconds} s, when they have expired`,
      {},
      { "Retry-After": String(seconds) },
    );
  }
}
