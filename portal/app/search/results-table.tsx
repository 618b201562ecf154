"use client";

import Link from "next/link";
import type { KeyboardEvent, RefObject } from "react";
import type { CatalogDid } from "@/lib/catalog/types";
import { datasetHref } from "../_components/dataset-links";
import { formatBytes, formatCount, formatDay } from "../_components/format";
import { BreakableName } from "../_components/breakable-name";
import { ColumnHeadings } from "../_components/column-headings";
import { TypeBadge } from "../_components/type-badge";

interface ResultsTableProps {
  items: CatalogDid[];
  defaultInstance: string;
  tableRef: RefObject<HTMLTableElement | null>;
  /** ArrowUp on the first result goes back to the query box. */
  onLeaveUp: () => void;
}

const RESULT_LINK = "a[data-result-link]";

/** Moves focus to the first result link of a results table; false when there is none. */
export function focusFirstResult(table: HTMLTableElement | null): boolean {
  const first = table?.querySelector<HTMLAnchorElement>(RESULT_LINK);
  first?.focus();
  return Boolean(first);
}

function keyMetadata(did: CatalogDid): string[] {
  // The version and production step are part of the name already.
  return [did.datatype, did.runNumber !== null ? `run ${did.runNumber}` : null, did.stream, did.campaign].filter(
    (value): value is string => Boolean(value),
  );
}

/** The result rows; ↑/↓ move between the name links (Enter follows the focused one). */
export function ResultsTable({ items, defaultInstance, tableRef, onLeaveUp }: ResultsTableProps) {
  function keyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>(RESULT_LINK)];
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (index < 0) return;
    event.preventDefault();
    if (event.key === "ArrowUp" && index === 0) onLeaveUp();
    else links[event.key === "ArrowDown" ? Math.min(index + 1, links.length - 1) : index - 1]?.focus();
  }

  return (
    <table className="results" ref={tableRef}>
      <caption className="visually-hidden">Matching datasets</caption>
      <ColumnHeadings
        columns={["Name", "Scope", "Type", "Files", "Size", "Created", "Metadata"]}
        numeric={["Files", "Size"]}
      />
      <tbody onKeyDown={keyDown}>
        {items.map((did) => (
          <tr key={`${did.instance}/${did.scope}/${did.name}`}>
            <td className="did-name">
              <Link href={datasetHref(did, defaultInstance)} data-result-link="">
                <BreakableName name={did.name} />
              </Link>
            </td>
            <td>
              {did.scope}
              {did.instance !== defaultInstance && <span className="muted"> on {did.instance}</span>}
            </td>
            <td>
              <TypeBadge type={did.type} />
            </td>
            <td className="numeric">{formatCount(did.files)}</td>
            <td className="numeric">{formatBytes(did.bytes)}</td>
            <td className="nowrap">
              <time dateTime={did.createdAt ?? undefined}>{formatDay(did.createdAt)}</time>
            </td>
            <td className="metadata">
              <ul className="chips" aria-label="Key metadata">
                {keyMetadata(did).map((value) => (
                  <li key={value} title={value}>
                    {value}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
