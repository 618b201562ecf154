import type { CatalogDatasetDetails } from "@/lib/api-responses";
import { formatBytes, formatCount, formatDate } from "../../_components/format";

const PROMOTED_META_KEYS = new Set([
  "project",
  "datatype",
  "run_number",
  "stream_name",
  "prod_step",
  "version",
  "campaign",
  "events",
  "account",
  "bytes",
  "length",
  "created_at",
  "updated_at",
  "availability",
  "did_type",
  "scope",
  "name",
]);

function metaValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** The catalog's indexed copy of the DID: promoted facets first, then every other metadata key. */
export function CatalogMetadata({ catalog }: { catalog: CatalogDatasetDetails | null }) {
  if (!catalog) {
    return (
      <section aria-labelledby="catalog-heading" className="panel">
        <h2 id="catalog-heading">Catalog metadata</h2>
        <p className="muted">
          The catalog has not indexed this DID yet. The live data from Rucio below is complete; search and facets will
          find it after the next indexer run.
        </p>
      </section>
    );
  }
  const rows: [string, string][] = [
    ["Project", catalog.project ?? "—"],
    ["Data type", catalog.datatype ?? "—"],
    ["Run number", catalog.runNumber !== null ? String(catalog.runNumber) : "—"],
    ["Stream", catalog.stream ?? "—"],
    ["Production step", catalog.prodStep ?? "—"],
    ["Version", catalog.version ?? "—"],
    ["Campaign", catalog.campaign ?? "—"],
    ["Events", formatCount(catalog.events)],
    ["Files", formatCount(catalog.files)],
    ["Size", formatBytes(catalog.bytes)],
    ["Account", catalog.account ?? "—"],
    ["Availability", catalog.availability ?? "—"],
    ["Created", formatDate(catalog.createdAt)],
    ["Updated", formatDate(catalog.updatedAt)],
  ];
  const extra = Object.entries(catalog.meta)
    .filter(([key, value]) => !PROMOTED_META_KEYS.has(key) && value !== null && value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return (
    <section aria-labelledby="catalog-heading" className="panel">
      <h2 id="catalog-heading">Catalog metadata</h2>
      <dl className="meta-grid">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {extra.length > 0 && (
        <details className="all-meta">
          <summary>All metadata ({extra.length} more keys)</summary>
          <dl className="meta-grid">
            {extra.map(([key, value]) => (
              <div key={key}>
                <dt>{key}</dt>
                <dd>{metaValue(value)}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      <p className="muted small">Indexed {formatDate(catalog.indexedAt)}.</p>
    </section>
  );
}
