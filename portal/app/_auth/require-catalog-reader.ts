import "server-only";
import { redirect } from "next/navigation";
import { mayReadCatalog, safeCallbackPath } from "@/server/auth";

type SearchParams = Record<string, string | string[] | undefined>;

/** A page's address, path and query, rebuilt from what Next.js hands the page. */
function pageAddress(path: string, searchParams: SearchParams): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(searchParams)) {
    for (const one of value === undefined ? [] : Array.isArray(value) ? value : [value]) query.append(name, one);
  }
  return query.size ? `${path}?${query}` : path;
}

/**
 * For the catalog's pages: with AUTH_REQUIRE_SIGNIN_FOR_CATALOG=true a visitor without a live sign-in
 * goes to the sign-in page, which brings them back to this page (path and query) afterwards. `path` is
 * the page's path as requested (page params arrive still percent-encoded). The API answers 401 instead
 * (server/http/access.ts).
 */
export async function requireCatalogReader(path: string, searchParams: SearchParams = {}): Promise<void> {
  if (await mayReadCatalog()) return;
  redirect(`/signin?${new URLSearchParams({ callbackUrl: safeCallbackPath(pageAddress(path, searchParams)) })}`);
}
