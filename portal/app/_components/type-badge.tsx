import type { DidType } from "@/lib/db/values";

/** A DID's type (dataset, container, file) as a small coloured label. */
export function TypeBadge({ type }: { type: DidType }) {
  const label = type.toLowerCase();
  return <span className={`type-badge type-${label}`}>{label}</span>;
}
