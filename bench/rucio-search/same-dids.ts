/** Fails the benchmark when two answers to the same filters are not the same DIDs (counted and named). */
export function assertSameDids(what: string, expected: readonly string[], actual: readonly string[]): void {
  const wanted = new Set(expected);
  const got = new Set(actual);
  const missing = [...wanted].filter((name) => !got.has(name));
  const extra = [...got].filter((name) => !wanted.has(name));
  if (actual.length === expected.length && got.size === actual.length && !missing.length && !extra.length) return;
  const sample = (names: string[]) => names.slice(0, 3).join(", ") || "none";
  throw new Error(
    `${what}: ${actual.length} DIDs (${got.size} distinct) where ${expected.length} were expected; ` +
      `missing ${missing.length} (${sample(missing)}), unexpected ${extra.length} (${sample(extra)})`,
  );
}
