import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import type { DatasetRef } from "@/server/catalog/dataset-details";
import { defaultInstanceName } from "@/server/rucio";
import { instanceSchema, nameSchema, scopeSchema } from "../../_lib/did-input";
import { decodeOffsetCursor } from "./cursor";

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: NextResponse };

export function badRequest(message: string): NextResponse {
  return NextResponse.json({ error: { message } }, { status: 400 });
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid request";
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue.message}`;
}

/** The DID a request names: path segments (decoded by Next.js for route handlers) plus `?instance=`. */
export function parseDatasetRef(request: Request, params: { scope: string; name: string }): Parsed<DatasetRef> {
  const instance = new URL(request.url).searchParams.get("instance") ?? undefined;
  const parsed = z.object({ scope: scopeSchema, name: nameSchema, instance: instanceSchema.optional() }).safeParse({ ...params, instance });
  if (!parsed.success) return { ok: false, response: badRequest(firstIssue(parsed.error)) };
  const { scope, name } = parsed.data;
  return { ok: true, value: { instance: parsed.data.instance ?? defaultInstanceName(), scope, name } };
}

export interface PageRequest {
  offset: number;
  limit: number;
}

/** `?cursor=` (from a previous page's nextCursor) and `?limit=` (1..maxLimit). */
export function parsePageRequest(request: Request, defaultLimit: number, maxLimit: number): Parsed<PageRequest> {
  const search = new URL(request.url).searchParams;
  const schema = z.object({
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int("limit must be a whole number").min(1, "limit must be at least 1").max(maxLimit, `limit must be at most ${maxLimit}`).default(defaultLimit),
  });
  const parsed = schema.safeParse({ cursor: search.get("cursor") ?? undefined, limit: search.get("limit") ?? undefined });
  if (!parsed.success) return { ok: false, response: badRequest(firstIssue(parsed.error)) };
  const offset = parsed.data.cursor === undefined ? 0 : decodeOffsetCursor(parsed.data.cursor);
  if (offset === null) return { ok: false, response: badRequest("cursor is not one this API returned") };
  return { ok: true, value: { offset, limit: parsed.data.limit } };
}
