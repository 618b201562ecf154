/**
 * Readers for the values of numeric, size and date fields. Each returns the value or a message saying
 * what was expected; the parser turns the message into a positioned error.
 */
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = (message: string): Read<never> => ({ ok: false, message });

/** Largest count the catalog can compare exactly (JavaScript numbers are exact up to 2^53). */
const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/** A number as metadata holds it: decimal, signed, no multiplier (meta.cross_section>0.5). */
export function readMetaNumber(text: string): Read<number> {
  if (!/^-?\d{1,15}(\.\d{1,15})?$/.test(text)) return fail(`"${text}" is not a number (e.g. 13, -2, 0.25)`);
  return ok(Number(text));
}

const COUNT_SUFFIXES: Record<string, number> = { k: 1e3, m: 1e6, g: 1e9, t: 1e12 };

/** A whole number, optionally with a k/M/G/T multiplier (events>1M). */
export function readCount(text: string): Read<number> {
  const match = /^(\d+(?:\.\d+)?)([kmgt])?$/i.exec(text);
  if (!match) return fail(`"${text}" is not a whole number (e.g. 348885, 500k, 2M)`);
  const value = Number(match[1]) * (match[2] ? COUNT_SUFFIXES[match[2].toLowerCase()]! : 1);
  if (!Number.isInteger(value)) return fail(`"${text}" is not a whole number`);
  if (value > MAX_EXACT) return fail(`"${text}" is too large`);
  return ok(value);
}

const SIZE_UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  p: 1e15,
  pb: 1e15,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
  pib: 2 ** 50,
};

/** A size in bytes: 123, 10GB, 1.5TB, 500MiB (SI units are powers of 1000, IEC units of 1024). */
export function readSize(text: string): Read<number> {
  const match = /^(\d+(?:\.\d+)?)([a-z]*)$/i.exec(text);
  const unit = match?.[2]?.toLowerCase() ?? "";
  if (!match || !(unit in SIZE_UNITS)) return fail(`"${text}" is not a size (e.g. 500MB, 10GB, 2TiB)`);
  const value = Math.round(Number(match[1]) * SIZE_UNITS[unit]!);
  if (value > MAX_EXACT) return fail(`"${text}" is too large`);
  return ok(value);
}

/** YYYY, YYYY-MM or YYYY-MM-DD as the UTC interval [start, end) it names. */
export function readDate(text: string): Read<{ start: number; end: number }> {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!match) return fail(`"${text}" is not a date (YYYY-MM-DD, YYYY-MM or YYYY)`);
  const year = Number(match[1]);
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  if (year < 1970) return fail(`"${text}" is before 1970`);
  if (month !== undefined && (month < 1 || month > 12)) return fail(`"${text}" has no month ${month}`);
  if (month === undefined) return ok({ start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1) });
  if (day === undefined) return ok({ start: Date.UTC(year, month - 1, 1), end: Date.UTC(year, month, 1) });
  const start = Date.UTC(year, month - 1, day);
  if (day < 1 || new Date(start).getUTCDate() !== day) return fail(`"${text}" is not a day of the calendar`);
  return ok({ start, end: start + 86_400_000 });
}
