import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { RucioAuthenticationError, RucioError } from "./errors";
import { getInstance, type UserpassIdentity } from "./instances";
import { parseRucioDate } from "./json";
import { readBodyText, send } from "./transport";

/**
 * How a call authenticates: with a username and password (the gateway obtains, caches and refreshes
 * the Rucio token), or with a token the caller already holds (an OIDC access token, a Rucio token);
 * `refresh` lets the gateway ask for a new one once when Rucio answers 401.
 */
export type RucioCredentials =
  ({ type: "userpass" } & UserpassIdentity) | { type: "token"; token: string; refresh?: () => Promise<string> };

export interface RucioToken {
  token: string;
  expiresAt: Date;
  /** The account the token acts as. */
  account: string;
}

const APP_ID = "rucio-catalog";
/** Tokens are renewed this long before Rucio says they expire (at most half their lifetime), so none expires in flight. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/** GET on the instance's auth endpoint with the headers every auth call sends; the answer is read whole. */
async function authGet(instanceName: string, path: string, credentials: Record<string, string>, signal?: AbortSignal) {
  const instance = getInstance(instanceName);
  const headers: Record<string, string> = {
    Accept: "application/octet-stream",
    "X-Rucio-AppID": APP_ID,
    ...credentials,
  };
  if (instance.vo) headers["X-Rucio-VO"] = instance.vo;
  const url = `${instance.authUrl}${path}`;
  const { response, timer } = await send(instance, { method: "GET", url, headers, idempotent: true, signal });
  try {
    const text = await readBodyText(response, timer);
    return { response, text, details: { instance: instance.name, status: response.status, method: "GET", url } };
  } finally {
    timer.stop();
  }
}

/**
 * Obtains a fresh token with GET /auth/userpass; never served from the cache.
 * Throws RucioAuthenticationError for wrong credentials or an identity mapped to several accounts
 * when no account was named.
 */
export async function authenticateUserpass(
  instanceName: string,
  identity: UserpassIdentity,
  signal?: AbortSignal,
): Promise<RucioToken> {
  const credentials: Record<string, string> = {
    "X-Rucio-Username": identity.username,
    "X-Rucio-Password": identity.password,
  };
  if (identity.account) credentials["X-Rucio-Account"] = identity.account;
  const { response, details } = await authGet(instanceName, "/auth/userpass", credentials, signal);
  if (response.status === 206) {
    const accounts = response.headers.get("X-Rucio-Auth-Accounts") ?? "";
    throw new RucioAuthenticationError(
      `Identity "${identity.username}" maps to several accounts (${accounts}); name the account to use`,
      details,
    );
  }
  const token = response.headers.get("X-Rucio-Auth-Token");
  const expiresAt = parseRucioDate(response.headers.get("X-Rucio-Auth-Token-Expires") ?? "");
  if (!token || !expiresAt) {
    throw new RucioError("Rucio answered /auth/userpass without a token and its expiry", details);
  }
  const account = response.headers.get("X-Rucio-Auth-Account") ?? identity.account ?? identity.username;
  return { token, expiresAt, account };
}

interface CachedToken {
  token: RucioToken;
  obtainedAt: number;
  /** HMAC of the password: a cached token is only handed out to a caller who knows the same password. */
  secretDigest: Buffer;
}

const cacheSalt = randomBytes(32);
const tokenCache = new Map<string, CachedToken>();
const pendingLogins = new Map<string, Promise<RucioToken>>();

const digest = (password: string) => createHmac("sha256", cacheSalt).update(password).digest();
const cacheKey = (instance: string, identity: UserpassIdentity) =>
  JSON.stringify([instance, identity.account ?? "", identity.username]);

function usableToken(entry: CachedToken | undefined, password: string): RucioToken | undefined {
  if (!entry || !timingSafeEqual(entry.secretDigest, digest(password))) return undefined;
  const expiresAt = entry.token.expiresAt.getTime();
  const margin = Math.min(REFRESH_MARGIN_MS, (expiresAt - entry.obtainedAt) / 2);
  return expiresAt - Date.now() > margin ? entry.token : undefined;
}

/**
 * A cached token for this (instance, account, username) if still fresh, else a new one (one login at a
 * time per key). `fromCache` tells whether Rucio may have revoked it since.
 */
export async function cachedUserpassToken(
  instanceName: string,
  identity: UserpassIdentity,
  signal?: AbortSignal,
): Promise<{ token: RucioToken; fromCache: boolean }> {
  const key = cacheKey(instanceName, identity);
  const cached = usableToken(tokenCache.get(key), identity.password);
  if (cached) return { token: cached, fromCache: true };
  const pending = pendingLogins.get(key);
  if (pending) {
    // Someone else's login for this key: reuse its token only if it was made with the same password.
    await pending.catch(() => undefined);
    const fresh = usableToken(tokenCache.get(key), identity.password);
    if (fresh) return { token: fresh, fromCache: false };
  }
  const obtainedAt = Date.now();
  const login = authenticateUserpass(instanceName, identity, signal).then((token) => {
    dropExpiredTokens();
    tokenCache.set(key, { token, obtainedAt, secretDigest: digest(identity.password) });
    return token;
  });
  pendingLogins.set(key, login);
  try {
    return { token: await login, fromCache: false };
  } finally {
    if (pendingLogins.get(key) === login) pendingLogins.delete(key);
  }
}

function dropExpiredTokens(): void {
  const now = Date.now();
  for (const [key, entry] of tokenCache) if (entry.token.expiresAt.getTime() <= now) tokenCache.delete(key);
}

/** Drops a token Rucio rejected, unless a newer one has replaced it already. */
export function forgetUserpassToken(instanceName: string, identity: UserpassIdentity, rejected: string): void {
  const key = cacheKey(instanceName, identity);
  if (tokenCache.get(key)?.token.token === rejected) tokenCache.delete(key);
}

/** Empties the token cache (sign-out of every identity, tests). */
export function clearTokenCache(): void {
  tokenCache.clear();
}

export interface ValidatedToken {
  account: string;
  expiresAt: Date;
}

// GET /auth/validate answers with the text of a Python dict (Rucio 1.x through 41), not JSON.
const VALIDATED_ACCOUNT = /'account':\s*'([^']+)'/;
const VALIDATED_LIFETIME = /'lifetime':\s*datetime\.datetime\((\d+),\s*(\d+),\s*(\d+),\s*(\d+),\s*(\d+)(?:,\s*(\d+))?/;

export function parseValidation(text: string): ValidatedToken | undefined {
  const account = VALIDATED_ACCOUNT.exec(text)?.[1];
  const lifetime = VALIDATED_LIFETIME.exec(text);
  if (!account || !lifetime) return undefined;
  const [year, month, day, hour, minute, second] = lifetime.slice(1).map((part) => Number(part ?? 0));
  return { account, expiresAt: new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!)) };
}

/**
 * Asks Rucio whom a token someone presents belongs to and until when it works (GET /auth/validate).
 * Rucio answers 401 (RucioAuthenticationError) for a token it does not know or that has expired.
 */
export async function validateToken(
  instanceName: string,
  token: string,
  signal?: AbortSignal,
): Promise<ValidatedToken> {
  const { text, details } = await authGet(instanceName, "/auth/validate", { "X-Rucio-Auth-Token": token }, signal);
  const validated = parseValidation(text);
  if (!validated) throw new RucioError("Rucio answered /auth/validate without an account and a lifetime", details);
  return validated;
}
