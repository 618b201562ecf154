import Link from "next/link";
import { requireCatalogReader } from "@/app/_auth/require-catalog-reader";
import { exampleQueries } from "@/lib/catalog/example-queries";
import type { SearchResult } from "@/lib/api-responses";
import type { SearchRequest } from "@/lib/catalog/types";
import { catalogHoldings } from "@/server/catalog/holdings";
import { CatalogBusyError, search } from "@/server/catalog/search";
import { defaultInstanceName, listInstanceNames } from "@/server/rucio";
import { datasetHref } from "./_components/dataset-links";
import { formatCount, formatDay } from "./_components/format";
import { TypeBadge } from "./_components/type-badge";
import { HoldingsChart } from "./_home/holdings-chart";
import styles from "./_home/home.module.css";
import { searchHref } from "./search/search-state";
import { withBasePath } from "@/lib/base-path";

export const dynamic = "force-dynamic";

const NEWEST = 6;

/** A search for the page, or null while the catalog is too busy to answer (the page stays up). */
async function searchOrNull(request: SearchRequest): Promise<SearchResult | null> {
  try {
    return await search(request);
  } catch (error) {
    if (error instanceof CatalogBusyError) return null;
    throw error;
  }
}

/** The search box first, searches to try from the catalog's own facets, its newest datasets and what it holds. */
export default async function HomePage({ searchParams }: PageProps<"/">) {
  // The query matters even here: JupyterLab's panel opens pages with ?theme=…
  await requireCatalogReader("/", await searchParams);
  const [overview, newest, holdings] = await Promise.all([
    searchOrNull({ q: "", sort: "relevance", limit: 1 }),
    searchOrNull({ q: "type:dataset", sort: "newest", limit: NEWEST }),
    catalogHoldings(),
  ]);
  const defaultInstance = defaultInstanceName();
  const examples = overview ? exampleQueries(overview.facets) : [];
  const link = (q: string, sort: SearchRequest["sort"] = "relevance") => searchHref({ q, sort, cursor: null });
  const busy = <p className="muted">The catalog is busy; reload in a moment.</p>;
  return (
    <>
      <h1>Rucio Catalog</h1>
      <form role="search" className="query-box" action={withBasePath("/search")}>
        <label htmlFor="home-q" className="query-label">
          Search datasets
        </label>
        <div className="query-row">
          <input id="home-q" name="q" type="search" autoComplete="off" spellCheck={false} />
          <button type="submit" className="button primary">
            Search
          </button>
        </div>
        <p className="hint muted">
          Free text, <code>field:value</code> and ranges such as <code>run:350000..350999</code>; an empty search lists
          everything.
        </p>
      </form>
      <div className={styles.columns}>
        <section aria-labelledby="examples-heading">
          <h2 id="examples-heading">Try</h2>
          {!overview && busy}
          <ul className={styles.list} aria-label="Example searches">
            {examples.map((example) => (
              <li key={example.q}>
                <Link href={link(example.q)}>
                  <code>{example.q}</code>
                </Link>{" "}
                <span className="muted small">
                  {formatCount(example.count, example.capped)} result{example.count === 1 ? "" : "s"}
                </span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="newest-heading">
          <h2 id="newest-heading">Newest datasets</h2>
          {!newest && busy}
          <ul className={styles.list} aria-label="Newest datasets">
            {newest?.items.map((did) => (
              <li key={`${did.instance}:${did.scope}:${did.name}`}>
                <TypeBadge type={did.type} />{" "}
                <Link href={datasetHref(did, defaultInstance)}>{`${did.scope}:${did.name}`}</Link>{" "}
                <span className="muted small">
                  {[formatDay(did.createdAt), did.datatype, did.instance === defaultInstance ? null : did.instance]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
              </li>
            ))}
          </ul>
          <p>
            <Link href={link("type:dataset", "newest")}>All datasets, newest first</Link>
          </p>
        </section>
      </div>
      <section aria-labelledby="holdings-heading">
        <h2 id="holdings-heading">What the catalog holds</h2>
        <div className={styles.holdings}>
          {listInstanceNames().map((instance) => {
            const held = holdings.find((entry) => entry.instance === instance);
            return held ? (
              <HoldingsChart key={instance} holdings={held} />
            ) : (
              <p key={instance} className="muted">
                Instance {instance}: no datasets indexed yet.
              </p>
            );
          })}
        </div>
      </section>
    </>
  );
}
