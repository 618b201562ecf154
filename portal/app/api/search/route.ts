import { z } from "zod";
import { MAX_LIMIT, search } from "@/server/catalog/search";
import { SORTS } from "@/lib/catalog/types";
import { route } from "@/server/http";
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
 */
export const GET = route(
  { access: "catalog", query: searchQuery, cacheControl: "private, no-cache" },
  ({ query, request }) => search(query, request.signal),
);
