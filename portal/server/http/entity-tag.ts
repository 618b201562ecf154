import "server-only";
import { createHash } from "node:crypto";

/**
 * The build the portal runs: next.config.js sets it when it builds, so an answer's format change after
 * an upgrade also changes its ETags. Unset outside a build (tests, scripts).
 */
const BUILD = process.env.PORTAL_BUILD_ID ?? "unbuilt";

/** A weak ETag for an answer determined by `parts` (and the build): the same in every portal process. */
export function entityTag(parts: readonly unknown[]): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([BUILD, ...parts]))
    .digest("base64url");
  return `W/"${digest.slice(0, 27)}"`;
}

/**
 * Whether the request's If-None-Match names `etag` (RFC 9110: a list, compared weakly, or `*`): the
 * client's copy is current and a 304 saves the work of the answer.
 */
export function clientHasCurrent(request: Request, etag: string): boolean {
  const header = request.headers.get("if-none-match");
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

/** The answer to a conditional request whose copy is current: no body, the tag again. */
export function notModified(etag: string): Response {
  return new Response(null, { status: 304, headers: { ETag: etag } });
}
