import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { WatchMatchView } from "@/lib/api-responses";
import { db, type Watch } from "@/server/db/client";
import { portalUrl } from "@/lib/base-path";
import { env } from "@/server/env";
import { HttpError } from "@/server/http/http-error";
import { matchesOf, ownWatch } from "./watch-store";

const FEED_ENTRIES = 100;
export const FEED_PATH = "/feeds/watches/";

const hashOf = (secret: string) => createHash("sha256").update(secret).digest("hex");

/**
 * A new secret address for the watch's Atom feed; the old one stops working. Feed readers and chat or
 * mail bridges cannot sign in, so the secret is the credential: only its hash is stored.
 */
export async function renewFeed(userId: string, id: string, origin: string): Promise<string> {
  await ownWatch(userId, id);
  const secret = randomBytes(32).toString("base64url");
  await db.watch.update({ where: { id }, data: { feedTokenHash: hashOf(secret) } });
  return portalUrl(`${FEED_PATH}${secret}`, env.NEXTAUTH_URL ?? origin);
}

export async function revokeFeed(userId: string, id: string): Promise<void> {
  await ownWatch(userId, id);
  await db.watch.update({ where: { id }, data: { feedTokenHash: null } });
}

/** The Atom document for a feed secret; a secret that was revoked or never existed is a 404. */
export async function feedDocument(secret: string, portalOrigin: string): Promise<string> {
  const watch = await db.watch.findUnique({ where: { feedTokenHash: hashOf(secret) } });
  if (!watch) throw new HttpError(404, "No such feed: it was revoked, or the address is wrong");
  return renderAtom(watch, await matchesOf(watch, FEED_ENTRIES), portalOrigin, secret);
}

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);

function datasetUrl(origin: string, match: WatchMatchView): string {
  return portalUrl(
    `/datasets/${encodeURIComponent(match.scope)}/${match.name.split("/").map(encodeURIComponent).join("/")}`,
    origin,
  );
}

function entry(origin: string, watch: Watch, match: WatchMatchView): string {
  const did = `${match.scope}:${match.name}`;
  const staged = match.stagingId
    ? " Auto-staged."
    : match.autoStageNote
      ? ` Not auto-staged: ${match.autoStageNote}`
      : "";
  return [
    "  <entry>",
    `    <id>urn:rucio-catalog:watch:${watch.id}:${escapeXml(match.instance)}:${escapeXml(did)}</id>`,
    `    <title>${escapeXml(did)}</title>`,
    `    <updated>${match.matchedAt}</updated>`,
    `    <link href="${escapeXml(datasetUrl(origin, match))}"/>`,
    `    <summary>${escapeXml(`${match.type.toLowerCase()} on ${match.instance} newly matches "${watch.query}".${staged}`)}</summary>`,
    "  </entry>",
  ].join("\n");
}

export function renderAtom(watch: Watch, matches: WatchMatchView[], origin: string, secret: string): string {
  const updated = matches[0]?.matchedAt ?? watch.createdAt.toISOString();
  const search = portalUrl(
    `/search?q=${encodeURIComponent(watch.query)}&sort=${encodeURIComponent(watch.sort)}`,
    origin,
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>urn:rucio-catalog:watch:${watch.id}</id>`,
    `  <title>${escapeXml(`Rucio Catalog: ${watch.name}`)}</title>`,
    `  <subtitle>${escapeXml(`New datasets matching ${watch.query}`)}</subtitle>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" href="${escapeXml(portalUrl(`${FEED_PATH}${secret}`, origin))}"/>`,
    `  <link rel="alternate" href="${escapeXml(search)}"/>`,
    "  <author><name>Rucio Catalog</name></author>",
    ...matches.map((match) => entry(origin, watch, match)),
    "</feed>",
    "",
  ].join("\n");
}
