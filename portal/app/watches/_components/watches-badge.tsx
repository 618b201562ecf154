"use client";
import { watchesBadgeLabel } from "@/lib/watches/watch-labels";
import { useNewMatchCount } from "./use-new-match-count";
import { withBasePath } from "@/lib/base-path";

/** "3 new in watches" in the header, linking to the watched searches; just "Watches" when nothing is new. */
export function WatchesBadge() {
  const newCount = useNewMatchCount() ?? 0;
  return (
    <a href={withBasePath("/watches")} aria-live="polite" data-testid="watches-summary">
      {watchesBadgeLabel(newCount)}
    </a>
  );
}
