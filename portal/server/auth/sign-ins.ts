import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/server/db/client";
import type { RucioToken } from "@/server/rucio";
import { authSecret, sessionMaxAgeSeconds } from "./config";
import { decryptToken, encryptToken } from "./token-cipher";

/**
 * Sign-ins, one RucioCredential row each. The session cookie (an encrypted JWT) carries only the row's
 * id; the Rucio token stays in the row, encrypted, and never leaves the server. Deleting the row ends
 * the sign-in even while the cookie is still valid.
 */
/** EMBED: started from a Rucio token a Jupyter server presented for its user (see embed-sign-in.ts). */
export type SignInKind = "USERPASS" | "OIDC" | "EMBED";

export interface SignIn {
  /** The RucioCredential row id the session cookie refers to. */
  id: string;
  userId: string;
  userName: string;
  instance: string;
  /** null: an OIDC identity no Rucio account is mapped to (may browse, may not stage). */
  account: string | null;
  kind: SignInKind;
  expiresAt: Date;
  /** When the stored Rucio token stops working (USERPASS only). */
  tokenExpiresAt: Date | null;
}

/** The sign-in exists but cannot act on Rucio (expired token, unmapped identity). */
export class SignInUnusableError extends Error {}

const binding = (id: string, userId: string, instance: string) => `${id}\n${userId}\n${instance}`;

/** The User behind an external identity, created on first sign-in (next-auth's Account table links them). */
async function userForIdentity(provider: string, providerAccountId: string, name: string, type: string) {
  const where = { provider_providerAccountId: { provider, providerAccountId } };
  const linked = await db.account.findUnique({ where, include: { user: true } });
  if (linked) return linked.user;
  // Two single-row inserts rather than one nested create: a nested create is a transaction, and on
  // SQLite (one connection) rolling it back after losing a race would also undo writes other requests
  // made in the meantime.
  const user = await db.user.create({ data: { name } });
  try {
    await db.account.create({ data: { userId: user.id, type, provider, providerAccountId } });
    return user;
  } catch (error) {
    // Two first sign-ins at once: the other one created the link.
    const raced = await db.account.findUnique({ where, include: { user: true } });
    if (!raced) throw error;
    await db.user.delete({ where: { id: user.id } });
    return raced.user;
  }
}

async function createSignIn(data: {
  userId: string;
  instance: string;
  account: string | null;
  kind: SignInKind;
  token?: RucioToken;
}): Promise<string> {
  const now = Date.now();
  await db.rucioCredential.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  const id = randomUUID();
  await db.rucioCredential.create({
    data: {
      id,
      userId: data.userId,
      instance: data.instance,
      account: data.account,
      kind: data.kind,
      tokenCiphertext: data.token
        ? encryptToken(data.token.token, binding(id, data.userId, data.instance), authSecret())
        : null,
      tokenExpiresAt: data.token?.expiresAt ?? null,
      expiresAt: new Date(now + sessionMaxAgeSeconds() * 1000),
    },
  });
  return id;
}

export interface StartedSignIn {
  userId: string;
  name: string;
  credentialId: string;
}

/**
 * Records a sign-in that holds a Rucio token: one Rucio just issued for a password (USERPASS), or one
 * a Jupyter server presented and Rucio validated (EMBED). Both are the same user: the Rucio account.
 */
export async function startRucioTokenSignIn(
  instance: string,
  token: RucioToken,
  kind: "USERPASS" | "EMBED" = "USERPASS",
): Promise<StartedSignIn> {
  const user = await userForIdentity("rucio-userpass", `${instance}/${token.account}`, token.account, "credentials");
  const credentialId = await createSignIn({ userId: user.id, instance, account: token.account, kind, token });
  return { userId: user.id, name: user.name ?? token.account, credentialId };
}

/** Records an OIDC sign-in; `account` is the configured mapping (or null). The IdP's tokens are not kept. */
export async function startOidcSignIn(
  identity: { issuer: string; subject: string; name: string },
  instance: string,
  account: string | null,
): Promise<StartedSignIn> {
  const user = await userForIdentity("oidc", `${identity.issuer}|${identity.subject}`, identity.name, "oidc");
  const credentialId = await createSignIn({ userId: user.id, instance, account, kind: "OIDC" });
  return { userId: user.id, name: user.name ?? identity.name, credentialId };
}

/** The live sign-in behind a session, or undefined when it was ended or has expired. */
export async function findSignIn(credentialId: string, userId: string): Promise<SignIn | undefined> {
  const row = await db.rucioCredential.findUnique({ where: { id: credentialId }, include: { user: true } });
  if (!row || row.userId !== userId || row.expiresAt.getTime() <= Date.now()) return undefined;
  return {
    id: row.id,
    userId: row.userId,
    userName: row.user.name ?? row.account ?? "user",
    instance: row.instance,
    account: row.account,
    kind: row.kind as SignInKind,
    expiresAt: row.expiresAt,
    tokenExpiresAt: row.tokenExpiresAt,
  };
}

/**
 * The user's sign-in on `instance` that can still act on Rucio (a Rucio token valid for another minute,
 * or an OIDC identity mapped to an account), the latest first: what work the user set up to run without
 * them (a watch's auto-stage) acts with. Undefined when the user has none.
 */
export async function actingSignInOf(userId: string, instance: string, now = new Date()): Promise<SignIn | undefined> {
  const row = await db.rucioCredential.findFirst({
    where: {
      userId,
      instance,
      expiresAt: { gt: now },
      account: { not: null },
      OR: [{ kind: "OIDC" }, { tokenExpiresAt: { gt: new Date(now.getTime() + 60_000) } }],
    },
    orderBy: { createdAt: "desc" },
  });
  return row ? findSignIn(row.id, userId) : undefined;
}

/** Why an expired token stops a request, and what the user can do about it. */
export function expiredTokenMessage(kind: string): string {
  return kind === "EMBED"
    ? "Your Rucio token has expired and JupyterLab has not renewed it yet: try again in a minute. If this lasts, check that your Jupyter server is running and reopen the Rucio Catalog panel."
    : "Your Rucio sign-in has expired: sign in again to go on (you will come back to this page).";
}

/** The user's Rucio token for this sign-in; SignInUnusableError when there is none or it expired. */
export async function rucioTokenOf(signIn: SignIn): Promise<string> {
  const row = await db.rucioCredential.findUnique({ where: { id: signIn.id } });
  if (!row?.tokenCiphertext || !row.tokenExpiresAt) throw new SignInUnusableError("This sign-in holds no Rucio token");
  if (row.tokenExpiresAt.getTime() <= Date.now()) throw new SignInUnusableError(expiredTokenMessage(row.kind));

  return decryptToken(row.tokenCiphertext, binding(row.id, row.userId, row.instance), authSecret());
}

/**
 * Puts a fresh Rucio token (validated by Rucio for `token.account`) into every live EMBED sign-in of that
 * account's user on `instance`: what a Jupyter server does before the token it signed the panel in with
 * expires. Holding a valid token for the account is what an embed sign-in itself asks, so it may renew
 * them. Password sign-ins keep their own token. Returns how many sign-ins now hold the new token.
 */
export async function renewEmbedSignIns(instance: string, token: RucioToken, now = new Date()): Promise<number> {
  const link = await db.account.findUnique({
    where: {
      provider_providerAccountId: { provider: "rucio-userpass", providerAccountId: `${instance}/${token.account}` },
    },
  });
  if (!link) return 0;
  const rows = await db.rucioCredential.findMany({
    where: { userId: link.userId, instance, kind: "EMBED", account: token.account, expiresAt: { gt: now } },
    select: { id: true },
  });
  for (const { id } of rows) {
    await db.rucioCredential.updateMany({
      where: { id },
      data: {
        tokenCiphertext: encryptToken(token.token, binding(id, link.userId, instance), authSecret()),
        tokenExpiresAt: token.expiresAt,
      },
    });
  }
  return rows.length;
}

/** Sign-out: forgets the sign-in and its token. */
export async function endSignIn(credentialId: string): Promise<void> {
  await db.rucioCredential.deleteMany({ where: { id: credentialId } });
}
