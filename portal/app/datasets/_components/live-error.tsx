import { ApiError } from "@/lib/api-client";

/**
 * Why a live section is empty. Rucio being unreachable is said once in full (`detailed`, the summary
 * section) and briefly in the other sections; the rest of the page stays usable.
 */
export function LiveError({ error, what, detailed = false }: { error: Error; what: string; detailed?: boolean }) {
  const unreachable = error instanceof ApiError && error.status === 503;
  if (unreachable && !detailed) {
    return (
      <p role="status" className="warning">
        Rucio is unreachable, so {what} cannot be shown now.
      </p>
    );
  }
  return (
    <p role="status" className={unreachable ? "warning" : "error"}>
      {unreachable ? error.message : `Could not load ${what}: ${error.message}`}
    </p>
  );
}
