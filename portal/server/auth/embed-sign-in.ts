import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/server/db/client";
import { HttpError } from "@/server/http/http-error";
import { defaultInstanceName, RucioAuthenticationError, RucioError, RucioUnavailableError, validateToken } from "@/server/rucio";
import { findSignIn, startRucioTokenSignIn, type SignIn } from "./sign-ins";

/**
 * Signing in inside JupyterLab's panel when the portal is a third-party frame (cookies set by the sign-in
 * form would not be sent there). The Jupyter server presents its user's Rucio token; Rucio tells whose it
 * is; the portal records an EMBED sign-in holding that token and hands back a one-time code. The panel
 * then loads /embed/start?code=…, which turns the code into the session cookie of the frame.
 */

/** How long a code can wait before the panel redeems it. */
export const EMBED_CODE_TTL_MS = 60_000;
const IDENTIFIER_PREFIX = "embed:";

const hashOf = (code: string) => createHash("sha256").update(code).digest("base64url");

export interface IssuedEmbedCode {
  code: string;
  expiresAt: Date;
  account: string;
}

/** Validates the token with Rucio (RucioAuthenticationError when refused) and issues a code for it. */
export async function issueEmbedCode(instance: string, rucioToken: string): Promise<IssuedEmbedCode> {
  const validated = await validateToken(instance, rucioToken, AbortSignal.timeout(15_000));
  const started = await startRucioTokenSignIn(instance, { token: rucioToken, ...validated }, "EMBED");
  const code = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + EMBED_CODE_TTL_MS);
  await db.verificationToken.deleteMany({ where: { identifier: { startsWith: IDENTIFIER_PREFIX }, expires: { lt: new Date() } } });
  await db.verificationToken.create({
    data: { identifier: `${IDENTIFIER_PREFIX}${started.userId}:${started.credentialId}`, token: hashOf(code), expires: expiresAt },
  });
  return { code, expiresAt, account: validated.account };
}

/** The sign-in a code stands for, once: a code is deleted as it is redeemed. Undefined when unknown or late. */
export async function redeemEmbedCode(code: string): Promise<SignIn | undefined> {
  const token = hashOf(code);
  const row = await db.verificationToken.findUnique({ where: { token } });
  if (!row?.identifier.startsWith(IDENTIFIER_PREFIX)) return undefined;
  // Of two concurrent redemptions only the one whose delete removed the row goes on.
  const { count } = await db.verificationToken.deleteMany({ where: { token } });
  if (count !== 1 || row.expires.getTime() <= Date.now()) return undefined;
  const [userId, credentialId] = row.identifier.slice(IDENTIFIER_PREFIX.length).split(":");
  return userId && credentialId ? findSignIn(credentialId, userId) : undefined;
}

export interface EmbedSignInRequest {
  rucioToken: string;
  instance?: string;
  next?: string;
}

/** The answer of POST /api/embed/sign-ins: a code and the path that redeems it, or why Rucio refused. */
export async function issueEmbedCodeFor(request: EmbedSignInRequest) {
  const instance = request.instance ?? defaultInstanceName();
  try {
    const issued = await issueEmbedCode(instance, request.rucioToken);
    const start = new URLSearchParams({ code: issued.code, ...(request.next ? { next: request.next } : {}) });
    return { code: issued.code, expiresAt: issued.expiresAt.toISOString(), account: issued.account, startPath: `/embed/start?${start}` };
  } catch (error) {
    if (error instanceof RucioAuthenticationError) throw new HttpError(401, `Rucio instance "${instance}" does not accept this token: ${error.message}`);
    if (error instanceof RucioUnavailableError) throw new HttpError(503, `Rucio instance "${instance}" cannot be reached to check the token; try again later`);
    if (error instanceof RucioError) throw new HttpError(502, `Rucio instance "${instance}" failed to check the token; try again later`);
    throw error;
  }
}
