import "server-only";
import { randomBytes } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";
import { env } from "@/server/env";

/**
 * The address budgets (sign-in throttle, rate limits) are keyed by, chosen so a client cannot pick it.
 *
 * Next.js shows route handlers no socket, and fills X-Forwarded-For from the socket only when the
 * request carries none (`??=` in next/dist/server/base-server.js): whatever a client sends arrives
 * unchanged. So the start-up hook records each connection's peer address in a request header of its
 * own, overwriting anything a client sent under that name, and X-Forwarded-For counts only when that
 * peer is one of PORTAL_TRUSTED_PROXIES.
 */
const PEER_HEADER = "x-rucio-catalog-peer";
const UNKNOWN = "unknown";

// Shared through globalThis: Next.js bundles the start-up hook and the routes as separate module
// graphs in one process. A header from before the hook ran (or forged) lacks this process's token.
const TOKEN_KEY = Symbol.for("rucio-catalog.peer-header-token");
type TokenHolder = { [TOKEN_KEY]?: string };

/** Called once at start-up: from then on every request names its socket's peer. */
export function recordPeerAddresses(): void {
  const holder = globalThis as TokenHolder;
  if (holder[TOKEN_KEY]) return;
  const token = randomBytes(16).toString("hex");
  holder[TOKEN_KEY] = token;
  // Published by Node's HTTP server for every request before its "request" event reaches Next.js.
  subscribe("http.server.request.start", (message) => {
    const { request } = message as { request: IncomingMessage };
    request.headers[PEER_HEADER] = `${token} ${request.socket.remoteAddress ?? UNKNOWN}`;
  });
}

function peerAddress(headers: Record<string, unknown>): string | undefined {
  const token = (globalThis as TokenHolder)[TOKEN_KEY];
  const value = headers[PEER_HEADER];
  if (!token || typeof value !== "string" || !value.startsWith(`${token} `)) return undefined;
  return value.slice(token.length + 1);
}

/** "::ffff:192.0.2.1" (an IPv4 client of a dual-stack socket) is 192.0.2.1. */
function normalized(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped?.[1] ?? address).slice(0, 64);
}

/** PORTAL_TRUSTED_PROXIES: addresses and CIDR ranges (IPv4 or IPv6), separated by commas or spaces. */
export function parseTrustedProxies(value: string): BlockList {
  const list = new BlockList();
  for (const entry of value.split(/[\s,]+/).filter(Boolean)) {
    const [address, prefix, extra] = entry.split("/");
    const family = isIP(address ?? "");
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (!family || extra !== undefined || !/^\d+$/.test(String(bits)) || bits > (family === 6 ? 128 : 32)) {
      throw new Error(`PORTAL_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    }
    list.addSubnet(normalized(address!), bits, family === 6 ? "ipv6" : "ipv4");
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

let configured: BlockList | undefined;
const trustedProxies = () => (configured ??= parseTrustedProxies(env.PORTAL_TRUSTED_PROXIES));

/**
 * The socket's peer, or, when that is a trusted proxy, the right-most X-Forwarded-For entry that is
 * not: the address the outermost trusted proxy saw. "unknown" when no peer was recorded.
 */
export function clientAddress(headers: Record<string, unknown> | undefined, trusted = trustedProxies()): string {
  const peer = headers && peerAddress(headers);
  if (!peer) return UNKNOWN;
  let client = normalized(peer);
  const forwarded = headers["x-forwarded-for"];
  if (!isTrusted(trusted, client) || typeof forwarded !== "string") return client;
  for (const entry of forwarded
    .split(",")
    .map((part) => normalized(part.trim()))
    .reverse()) {
    if (!entry) continue;
    client = entry;
    if (!isTrusted(trusted, entry)) break;
  }
  return client;
}
