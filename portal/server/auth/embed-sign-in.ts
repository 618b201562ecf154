import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { db } from "@/server/db/client";
import { HttpError } from "@/server/http/http-error";
import {
  defaultInstanceName,
  RucioAuthenticationError,
  RucioError,
  RucioUnavailableError,
  validateToken,
} from "@/server/rucio";
import { accountIdentifierPrefix, checkHourlyCodes, checkUnredeemedCodes } from "./embed-code-limits";
import { endSignIn, findSignIn, renewEmbedSignIns, startRucioTokenSignIn, type SignIn } from "./sign-ins";

/**
 * Signing in inside JupyterLab's panel when the portal is a third-party frame (cookies set by the sign-in
 * form would not be sent there). The Jupyter server presents its user's Rucio token; Rucio tells whose it
 * is; the portal records an EMBED sign-in holding that token and hands back a one-time code.
 *
 * The code is bound to the frame that asked for it: the panel makes a random nonce, keeps it in memory
 * and sends only its SHA-256 along (`frameNonceHash`), which is stored with the code. /embed/start, framed
 * by the panel, asks its parent for the nonce over postMessage and redeems { code, nonce }; a code loaded
 * anywhere else (a victim's window or panel an attacker navigated) has no matching nonce and signs no one in.
 */

/** How long a code can wait before the panel redeems it. */
export const EMBED_CODE_TTL_MS = 60_000;
const IDENTIFIER_PREFIX = "embed:";

const hashOf = (secret: string) => createHash("sha256").update(secret).digest("base64url");

export interface IssuedEmbedCode {
  code: string;
  expiresAt: Date;
  account: string;
}

/**
 * Validates the token with Rucio (RucioAuthenticationError when refused) and issues a code for it, bound
 * to `frameNonceHash`. HttpError 429 when the account is over its limits (embed-code-limits.ts).
 */
export async function issueEmbedCode(
  instance: string,
  rucioToken: string,
  frameNonceHash: string,
): Promise<IssuedEmbedCode> {
  const validated = await validateToken(instance, rucioToken, AbortSignal.timeout(15_000));
  const who = { instance, account: validated.account };
  const now = new Date();
  await db.verificationToken.deleteMany({
    where: { identifier: { startsWith: IDENTIFIER_PREFIX }, expires: { lt: now } },
  });
  const started = await startRucioTokenSignIn(instance, { token: rucioToken, ...validated }, "EMBED");
  const code = randomBytes(32).toString("base64url");
  const token = hashOf(code);
  try {
    await checkHourlyCodes(who, now);
    const identifier = `${accountIdentifierPrefix(who)}${started.userId}:${started.credentialId}:${frameNonceHash}`;
    await db.verificationToken.create({
      data: { identifier, token, expires: new Date(now.getTime() + EMBED_CODE_TTL_MS) },
    });
    await checkUnredeemedCodes(who, now, EMBED_CODE_TTL_MS);
  } catch (error) {
    await db.verificationToken.deleteMany({ where: { token } });
    await endSignIn(started.credentialId);
    throw error;
  }
  return { code, expiresAt: new Date(now.getTime() + EMBED_CODE_TTL_MS), account: validated.account };
}

interface StoredCode {
  userId: string;
  credentialId: string;
  frameNonceHash: string;
  expires: Date;
}

async function findCode(token: string): Promise<StoredCode | undefined> {
  const row = await db.verificationToken.findUnique({ where: { token } });
  if (!row?.identifier.startsWith(IDENTIFIER_PREFIX)) return undefined;
  const [frameNonceHash, credentialId, userId] = row.identifier.split(":").reverse();
  if (!frameNonceHash || !credentialId || !userId) return undefined;
  return { userId, credentialId, frameNonceHash, expires: row.expires };
}

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export const CODE_GONE =
  "This sign-in link was already used or has expired. Reopen the Rucio Catalog panel, or sign in here.";
export const WRONG_FRAME =
  "This sign-in link was not made for this panel: nothing was signed in. Reopen the Rucio Catalog panel.";

export interface EmbedRedemption {
  code: string;
  nonce: string;
  /** The visitor confirmed that the code's account replaces the one already signed in here. */
  replaceSession: boolean;
}

/**
 * The sign-in a code stands for, once, for the frame holding its nonce:
 * - 410 for an unknown, used or late code;
 * - 403 for a wrong nonce, which also burns the code (a code that met the wrong frame is suspect);
 * - 409 when `current` is another portal user and the visitor did not confirm the switch; the code
 *   stays, so the same frame can redeem it after the click.
 */
export async function redeemEmbedCode(
  request: EmbedRedemption,
  current: SignIn | undefined,
  now = new Date(),
): Promise<SignIn> {
  const token = hashOf(request.code);
  const stored = await findCode(token);
  if (!stored || stored.expires.getTime() <= now.getTime()) throw new HttpError(410, CODE_GONE);
  if (!sameHash(hashOf(request.nonce), stored.frameNonceHash)) {
    await db.verificationToken.deleteMany({ where: { token } });
    throw new HttpError(403, WRONG_FRAME);
  }
  const signIn = await findSignIn(stored.credentialId, stored.userId);
  if (!signIn) {
    await db.verificationToken.deleteMany({ where: { token } });
    throw new HttpError(410, CODE_GONE);
  }
  if (current && current.userId !== signIn.userId && !request.replaceSession) {
    throw new HttpError(409, `You are signed in as ${current.userName} here; continue as ${signIn.userName}?`, {
      signedInAs: current.userName,
      account: signIn.userName,
    });
  }
  // Of two concurrent redemptions only the one whose delete removed the row goes on.
  const { count } = await db.verificationToken.deleteMany({ where: { token } });
  if (count !== 1) throw new HttpError(410, CODE_GONE);
  return signIn;
}

export interface EmbedSignInRequest {
  rucioToken: string;
  frameNonceHash: string;
  instance?: string;
  next?: string;
}

/** The answer of POST /api/embed/sign-ins: a code and the path that redeems it, or why Rucio refused. */
export async function issueEmbedCodeFor(request: EmbedSignInRequest) {
  const instance = request.instance ?? defaultInstanceName();
  const issued = await withRucioRefusals(instance, () =>
    issueEmbedCode(instance, request.rucioToken, request.frameNonceHash),
  );
  const start = new URLSearchParams({ code: issued.code, ...(request.next ? { next: request.next } : {}) });
  return {
    code: issued.code,
    expiresAt: issued.expiresAt.toISOString(),
    account: issued.account,
    startPath: `/embed/start?${start}`,
  };
}

/**
 * The answer of POST /api/embed/renewals: the Jupyter server presents a fresh Rucio token for its user
 * before the one it signed the panel in with expires; every live embed sign-in of that account takes it.
 * `renewed` 0 means there is nothing left to renew (the user signed out), so the server may stop.
 */
export async function renewEmbedSignInsFor(request: { rucioToken: string; instance?: string }) {
  const instance = request.instance ?? defaultInstanceName();
  return withRucioRefusals(instance, async () => {
    const validated = await validateToken(instance, request.rucioToken, AbortSignal.timeout(15_000));
    const renewed = await renewEmbedSignIns(instance, { token: request.rucioToken, ...validated });
    return { account: validated.account, tokenExpiresAt: validated.expiresAt.toISOString(), renewed };
  });
}

async function withRucioRefusals<T>(instance: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RucioAuthenticationError)
      throw new HttpError(401, `Rucio instance "${instance}" does not accept this token: ${error.message}`);
    if (error instanceof RucioUnavailableError)
      throw new HttpError(503, `Rucio instance "${instance}" cannot be reached to check the token; try again later`);
    if (error instanceof RucioError)
      throw new HttpError(502, `Rucio instance "${instance}" failed to check the token; try again later`);
    throw error;
  }
}
