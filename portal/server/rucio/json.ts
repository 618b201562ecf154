import "server-only";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
// Rucio's DATE_FORMAT, '%a, %d %b %Y %H:%M:%S UTC' (RFC 1123 with "UTC" instead of "GMT").
const RUCIO_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) UTC$/;

/** Parses a date in Rucio's format; undefined when the text is not one. */
export function parseRucioDate(text: string): Date | undefined {
  const match = RUCIO_DATE.exec(text);
  if (!match) return undefined;
  const [, , day, monthName, year, hours, minutes, seconds] = match;
  const month = MONTHS.indexOf(monthName ?? "");
  if (month < 0) return undefined;
  return new Date(Date.UTC(Number(year), month, Number(day), Number(hours), Number(minutes), Number(seconds)));
}

const pad = (n: number) => String(n).padStart(2, "0");

export function formatRucioDate(date: Date): string {
  return (
    `${DAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`
  );
}

/**
 * Account endpoints render datetimes as '%Y-%m-%dT%H:%M:%S' without a zone, hermes' messages as Python's
 * str(datetime) ('%Y-%m-%d %H:%M:%S.%f'); Rucio stores UTC. Fractions are cut to milliseconds.
 */
export function parseNaiveUtcDate(text: unknown): Date | null {
  const match = typeof text === "string" && /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d{1,3})?\d*$/.exec(text);
  return match ? new Date(`${match[1]}T${match[2]}${match[3] ?? ""}Z`) : null;
}

// Sentinels stand in for Python's bare Infinity/NaN tokens while JSON.parse runs.
const POSITIVE_INFINITY = "\u0000rucio:+Infinity";
const NEGATIVE_INFINITY = "\u0000rucio:-Infinity";
const NOT_A_NUMBER = "\u0000rucio:NaN";

/** Replaces Python's non-standard number tokens outside strings with quoted sentinels. */
function quoteNonFiniteTokens(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      out += char;
      if (char === "\\") out += text[++i] ?? "";
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    if (text.startsWith("-Infinity", i)) {
      out += JSON.stringify(NEGATIVE_INFINITY);
      i += "-Infinity".length - 1;
    } else if (text.startsWith("Infinity", i)) {
      out += JSON.stringify(POSITIVE_INFINITY);
      i += "Infinity".length - 1;
    } else if (text.startsWith("NaN", i)) {
      out += JSON.stringify(NOT_A_NUMBER);
      i += "NaN".length - 1;
    } else {
      out += char;
    }
  }
  return out;
}

function reviveString(value: string): unknown {
  if (value === POSITIVE_INFINITY) return Infinity;
  if (value === NEGATIVE_INFINITY) return -Infinity;
  if (value === NOT_A_NUMBER) return NaN;
  return value.endsWith(" UTC") ? (parseRucioDate(value) ?? value) : value;
}

/**
 * Converts Rucio's date strings (and the sentinels) in place after JSON.parse. A walk instead of a
 * JSON.parse reviver: the reviver's call per value tripled the cost of parsing a bulk-metadata record.
 */
function revive(value: unknown): unknown {
  if (typeof value === "string") return reviveString(value);
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = revive(value[index]);
    return value;
  }
  const record = value as Record<string, unknown>;
  // JSON.parse makes plain objects: every enumerable key is an own one.
  for (const key in record) {
    // Assigning to "__proto__" would set the prototype instead of the property JSON.parse created.
    if (key !== "__proto__") record[key] = revive(record[key]);
  }
  return record;
}

/**
 * Parses a JSON document as Rucio writes it: strings in Rucio's date format become Date (as Rucio's own
 * client does), and the Infinity that Python's json emits for unlimited account limits is accepted.
 */
export function parseRucioJson(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    if (!/Infinity|NaN/.test(text)) throw error;
    parsed = JSON.parse(quoteNonFiniteTokens(text));
  }
  return revive(parsed);
}
