import "server-only";
import { db, type Database } from "@/server/db/client";
import type { InstanceHoldings } from "@/lib/api-responses";

/** Data types drawn per instance; the rest are summed as one. */
export const DATATYPES_SHOWN = 8;
/** The catalog changes when the indexer runs: a minute-old answer spares a scan of every dataset per page view. */
export const HOLDINGS_TTL_MS = 60_000;

export interface HoldingsRow {
  instance: string;
  datatype: string | null;
  datasets: number;
  bytes: number;
}

/**
 * Rows of (instance, data type) into each instance's totals and its data types, most datasets first;
 * past `shown` data types the rest are one entry, "other"; datasets without one are "none".
 */
export function summarizeHoldings(rows: readonly HoldingsRow[], shown = DATATYPES_SHOWN): InstanceHoldings[] {
  const byInstance = new Map<string, HoldingsRow[]>();
  for (const row of rows) byInstance.set(row.instance, [...(byInstance.get(row.instance) ?? []), row]);
  return [...byInstance.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([instance, types]) => {
      const ordered = [...types].sort(
        (a, b) => b.datasets - a.datasets || (a.datatype ?? "").localeCompare(b.datatype ?? ""),
      );
      const byDatatype = ordered
        .slice(0, shown)
        .map((row) => ({ datatype: row.datatype ?? "none", datasets: row.datasets, bytes: row.bytes }));
      const rest = ordered.slice(shown);
      if (rest.length > 0) {
        byDatatype.push({
          datatype: "other",
          datasets: rest.reduce((sum, row) => sum + row.datasets, 0),
          bytes: rest.reduce((sum, row) => sum + row.bytes, 0),
        });
      }
      return {
        instance,
        datasets: types.reduce((sum, row) => sum + row.datasets, 0),
        bytes: types.reduce((sum, row) => sum + row.bytes, 0),
        byDatatype,
      };
    });
}

let cached: { expiresMs: number; holdings: Promise<InstanceHoldings[]> } | undefined;

/** What the portal's catalog holds per instance, read at most once a minute (HOLDINGS_TTL_MS). */
export function catalogHoldings(nowMs = Date.now()): Promise<InstanceHoldings[]> {
  if (cached && cached.expiresMs > nowMs) return cached.holdings;
  const holdings = readHoldings();
  cached = { expiresMs: nowMs + HOLDINGS_TTL_MS, holdings };
  holdings.catch(() => (cached = undefined));
  return holdings;
}

/** What a catalog database holds per instance: its datasets, their bytes, and both per data type. */
export async function readHoldings(database: Database = db): Promise<InstanceHoldings[]> {
  const groups = await database.did.groupBy({
    by: ["instance", "datatype"],
    where: { didType: "DATASET" },
    _count: { _all: true },
    _sum: { bytes: true },
  });
  return summarizeHoldings(
    groups.map((group) => ({
      instance: group.instance,
      datatype: group.datatype,
      datasets: group._count._all,
      bytes: Number(group._sum.bytes ?? 0),
    })),
  );
}
