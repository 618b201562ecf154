/** Display formatting shared by server and client components; pure functions, no locale surprises. */

const BYTE_UNITS = ["B", "kB", "MB", "GB", "TB", "PB", "EB"] as const;
const integerFormat = new Intl.NumberFormat("en-US");

/** Decimal (SI) units as Rucio and storage systems report them: 1 kB = 1000 B. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return "—";
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** A size range, its unit said once when both ends share it: "5.00–10.0 kB", "500 B–1.00 kB". */
export function formatByteRange(from: number, to: number): string {
  const [low, high] = [formatBytes(from), formatBytes(to)];
  const unit = (text: string) => text.slice(text.lastIndexOf(" ") + 1);
  return unit(low) === unit(high) ? `${low.slice(0, low.lastIndexOf(" "))}–${high}` : `${low}–${high}`;
}

/** A count; an estimate (the catalog's counts over many hits are sampled) is marked with "~". */
export function formatCount(count: number | null | undefined, estimated = false): string {
  if (count === null || count === undefined || !Number.isFinite(count)) return "—";
  return `${estimated ? "~" : ""}${integerFormat.format(count)}`;
}

/** ISO date and minutes in UTC: unambiguous for a collaboration spread over time zones. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "—";
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatDay(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "—" : date.toISOString().slice(0, 10);
}
