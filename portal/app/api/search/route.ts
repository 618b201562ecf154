import { NextResponse } from "next/server";
import { z } from "zod";
import { QuerySyntaxError } from "@/server/catalog/query";
import { CatalogBusyError, CursorError, MAX_LIMIT, SearchAbandonedError, search } from "@/server/catalog/search";
import { SORTS } from "@/server/catalog/types";
import { listInstanceNames } from "@/server/rucio";
import { catalogRefusal } from "../_lib/catalog-access";

export const dynamic = "force-dynamic";

const DEFAULT_LIMIT = 50;

const paramsSchema = z.object({
  // The parser reports an over-long query with its position; this only stops absurd inputs early.
  q: z.string().max(10_000, "q is too long").refine((q) => !q.includes("\u0000"), "q must not contain NUL characters").default(""),
  sort: z.enum(SORTS, { message: `sort must be one of ${SORTS.join(", ")}` }).default("relevance"),
  cursor: z.string().min(1, "cursor must not be empty").max(2048, "cursor is too long").optional(),
  limit: z.coerce
    .number({ message: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(MAX_LIMIT, `limit must be at most ${MAX_LIMIT}`)
    .default(DEFAULT_LIMIT),
  instance: z
    .string()
    .refine((name) => listInstanceNames().includes(name), "instance must be one of the configured Rucio instances")
    .optional(),
});

function badRequest(error: { message: string; position?: number; length?: number }) {
  return NextResponse.json({ error }, { status: 400 });
}

/**
 * GET /api/search?q=&sort=&cursor=&limit=&instance= — one page of catalog search results with the total
 * and facet counts. 400 with {error: {message, position?, length?}} for a query or parameter it cannot use.
 */
export async function GET(request: Request) {
  const refused = await catalogRefusal(request);
  if (refused) return refused;
  const params = new URL(request.url).searchParams;
  const parsed = paramsSchema.safeParse({
    q: params.get("q") ?? undefined,
    sort: params.get("sort") ?? undefined,
    cursor: params.get("cursor") ?? undefined,
    limit: params.get("limit") ?? undefined,
    instance: params.get("instance") ?? undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return badRequest({ message: issue ? issue.message : "invalid request" });
  }
  try {
    return NextResponse.json(await search(parsed.data, request.signal));
  } catch (error) {
    if (error instanceof QuerySyntaxError) return badRequest(error.toJSON());
    if (error instanceof CursorError) return badRequest({ message: error.message });
    // An abandoned search's answer reaches no one; it is a 503 only for the logs.
    if (error instanceof CatalogBusyError || error instanceof SearchAbandonedError) {
      return NextResponse.json({ error: { message: error.message } }, { status: 503, headers: { "Retry-After": "5" } });
    }
    throw error;
  }
}
