import type { Metadata } from "next";
import { requireCatalogReader } from "@/app/_auth/require-catalog-reader";
import { QuerySyntaxError } from "@/lib/catalog/query";
import { CatalogBusyError, CursorError, search } from "@/server/catalog/search";
import type { SearchResult } from "@/lib/api-responses";
import { currentSignIn } from "@/server/auth";
import { defaultInstanceName } from "@/server/rucio";
import { jupyterLabLinkTemplate } from "@/server/share-settings";
import { PAGE_SIZE, parseSearchState, type SearchState } from "./search-state";
import { SearchView } from "./search-view";

export const dynamic = "force-dynamic";

export async function generateMetadata({ searchParams }: PageProps<"/search">): Promise<Metadata> {
  const { q } = parseSearchState(await searchParams);
  return { title: q ? `${q} — search` : "Search" };
}

/** The first page, rendered with the HTML (a catalog search is a few milliseconds); the browser asks for the rest. */
async function firstPage(state: SearchState): Promise<SearchResult | null> {
  try {
    return await search({ q: state.q, sort: state.sort, cursor: state.cursor ?? undefined, limit: PAGE_SIZE });
  } catch (error) {
    // The browser repeats the request through the API, which answers with the message (positioned, or busy).
    if (error instanceof QuerySyntaxError || error instanceof CursorError || error instanceof CatalogBusyError)
      return null;
    throw error;
  }
}

export default async function SearchPage({ searchParams }: PageProps<"/search">) {
  const params = await searchParams;
  await requireCatalogReader("/search", params);
  const state = parseSearchState(params);
  return (
    <>
      <h1 className="visually-hidden">Dataset search</h1>
      <SearchView
        initialState={state}
        initialResult={await firstPage(state)}
        defaultInstance={defaultInstanceName()}
        signedIn={(await currentSignIn()) !== null}
        jupyterLabTemplate={jupyterLabLinkTemplate()}
      />
    </>
  );
}
