import { z } from "zod";
import { NextResponse } from "next/server";
import { MAX_LIMIT, search, searchETag } from "@/server/catalog/search";
import { SORTS } from "@/lib/catalog/types";
import { route } from "@/server/http";
import { clientHasCurrent, notModified } from "@/server/http/entity-tag";
import { instanceSchema } from "@/server/http/did-input";
import { pageLimit } from "@/server/http/page-limit";

export const dynamic = "force-dynamic";

const searchQuery = z.object({
  // The parser reports an over-long query with its position; this only stops absurd inputs early.
  q: z
    .string()
    .max(10_000, "q is too long")
    .refine((q) => !q.includes("\u0000"), "q must not contain NUL characters")
    .default(""),
  sort: z.enum(SORTS, { message: `sort must be one of ${SORTS.join(", ")}` }).default("relevance"),
  cursor: z.string().min(1, "cursor must not be empty").max(2048, "cursor is too long").optional(),
  limit: pageLimit(MAX_LIMIT),
  instance: instanceSchema.optional(),
});

/**
 * GET /api/search?q=&sort=&cursor=&limit=&instance= — one page of catalog search results with the total
 * and facet counts. 400 with {error: {message, position?, length?}} for a query or parameter it cannot use.
 * Answers carry an ETag of the query and the catalog's state; If-None-Match with it gets a 304.
 */
export const GET = route(
  { access: "catalog", query: searchQuery, cacheControl: "private, no-cache" },
  async ({ query, request }) => {
    const { etag, stamp } = await searchETag(query);
    if (clientHasCurrent(request, etag)) return notModified(etag);
    return NextResponse.json(await search(query, request.signal, stamp), { headers: { ETag: etag } });
  },
);
