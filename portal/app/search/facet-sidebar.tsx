"use client";

import type { MouseEvent, ReactNode } from "react";
import type { SearchResult } from "@/lib/api-responses";
import type { TermField } from "@/lib/catalog/query";
import { FACETS, type FacetName } from "@/lib/catalog/types";
import { formatCount } from "../_components/format";
import { withBasePath } from "@/lib/base-path";

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

type Facet = SearchResult["metaFacets"][number];

interface FacetSidebarProps {
  facets: SearchResult["facets"] | undefined;
  /** Drawn after the facet lists (the run-number histogram). */
  children?: ReactNode;
  metaFacets: SearchResult["metaFacets"] | undefined;
  /** What clicking a bucket does: whether its term is in q now, and the query (and link) after the click. */
  toggleFor: (field: TermField, value: string) => FacetToggle;
  onToggle: (q: string) => void;
}

/**
 * Facet counts for the current query: the built-in facets, then the metadata keys the instances name
 * as theirs. Each bucket is a real link to the narrowed (or widened) search, so it can be opened in a
 * new tab; a plain click stays on the page.
 */
export function FacetSidebar({ facets, children, metaFacets, toggleFor, onToggle }: FacetSidebarProps) {
  if (!facets) return <aside className="facets" aria-label="Filters" />;
  const sections: { field: TermField; id: string; label: string; facet: Facet }[] = [
    ...FACETS.map((field) => ({
      field,
      id: field,
      label: FACET_LABELS[field],
      facet: { key: field, ...facets[field] },
    })),
    ...(metaFacets ?? []).map((facet) => ({
      field: `meta.${facet.key}` as const,
      id: `meta-${facet.key}`,
      label: facet.key,
      facet,
    })),
  ];
  return (
    <aside className="facets" aria-label="Filters">
      <h2 className="visually-hidden">Filters</h2>
      {sections.map(({ field, id, label, facet }) =>
        // One search spans every instance; with a single one configured there is nothing to choose.
        facet.buckets.length < (field === "instance" ? 2 : 1) ? null : (
          <FacetSection
            key={id}
            id={id}
            label={label}
            facet={facet}
            toggleFor={(value) => toggleFor(field, value)}
            onToggle={onToggle}
          />
        ),
      )}
      {children}
    </aside>
  );
}

interface FacetSectionProps {
  id: string;
  label: string;
  facet: Facet;
  toggleFor: (value: string) => FacetToggle;
  onToggle: (q: string) => void;
}

function FacetSection({ id, label, facet, toggleFor, onToggle }: FacetSectionProps) {
  return (
    <section className="facet" aria-labelledby={`facet-${id}`}>
      <h3 id={`facet-${id}`}>{label}</h3>
      <ul>
        {facet.buckets.map((bucket) => {
          const toggle = toggleFor(bucket.value);
          const click = (event: MouseEvent<HTMLAnchorElement>) => {
            if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
            event.preventDefault();
            onToggle(toggle.q);
          };
          return (
            <li key={bucket.value}>
              <a
                href={withBasePath(toggle.href)}
                onClick={click}
                className={toggle.active ? "facet-bucket active" : "facet-bucket"}
                aria-current={toggle.active ? "true" : undefined}
                data-facet={id}
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
}
