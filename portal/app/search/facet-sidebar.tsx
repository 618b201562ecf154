"use client";

import type { MouseEvent, ReactNode } from "react";
import type { SearchResult } from "@/lib/api-responses";
import { FACETS, type FacetName } from "@/lib/catalog/types";
import { formatCount } from "../_components/format";

export const FACET_LABELS: Record<FacetName, string> = {
  instance: "Rucio instance",
  scope: "Scope",
  type: "Type",
  project: "Project",
  datatype: "Data type",
  stream: "Stream",
  prodStep: "Production step",
  campaign: "Campaign",
  run: "Run range",
};

export interface FacetToggle {
  active: boolean;
  href: string;
  q: string;
}

interface FacetSidebarProps {
  facets: SearchResult["facets"] | undefined;
  /** Drawn after the facet lists (the run-number histogram). */
  children?: ReactNode;
  /** What clicking a bucket does: whether its term is in q now, and the query (and link) after the click. */
  toggleFor: (field: FacetName, value: string) => FacetToggle;
  onToggle: (q: string) => void;
}

/**
 * Facet counts for the current query. Each bucket is a real link to the narrowed (or widened) search,
 * so it can be opened in a new tab; a plain click stays on the page.
 */
export function FacetSidebar({ facets, children, toggleFor, onToggle }: FacetSidebarProps) {
  if (!facets) return <aside className="facets" aria-label="Filters" />;
  return (
    <aside className="facets" aria-label="Filters">
      <h2 className="visually-hidden">Filters</h2>
      {FACETS.map((field) => {
        const facet = facets[field];
        // One search spans every instance; with a single one configured there is nothing to choose.
        if (!facet || facet.buckets.length < (field === "instance" ? 2 : 1)) return null;
        return (
          <section key={field} className="facet" aria-labelledby={`facet-${field}`}>
            <h3 id={`facet-${field}`}>{FACET_LABELS[field]}</h3>
            <ul>
              {facet.buckets.map((bucket) => {
                const toggle = toggleFor(field, bucket.value);
                const click = (event: MouseEvent<HTMLAnchorElement>) => {
                  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
                  event.preventDefault();
                  onToggle(toggle.q);
                };
                return (
                  <li key={bucket.value}>
                    <a
                      href={toggle.href}
                      onClick={click}
                      className={toggle.active ? "facet-bucket active" : "facet-bucket"}
                      aria-current={toggle.active ? "true" : undefined}
                      data-facet={field}
                      data-value={bucket.value}
                    >
                      <span className="facet-check" aria-hidden="true">
                        {toggle.active ? "✓" : ""}
                      </span>
                      <span className="facet-label">
                        {toggle.active && <span className="visually-hidden">Remove filter </span>}
                        {bucket.label}
                      </span>
                      <span
                        className="facet-count"
                        title={facet.capped ? "estimated from a sample of the catalog" : undefined}
                      >
                        {facet.capped && <span className="visually-hidden">about </span>}
                        <span aria-hidden={facet.capped || undefined}>{formatCount(bucket.count, facet.capped)}</span>
                        {facet.capped && <span className="visually-hidden">{formatCount(bucket.count)}</span>}
                        <span className="visually-hidden"> results</span>
                      </span>
                    </a>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {children}
    </aside>
  );
}
