/**
 * The text the full-text index holds for a DID: lower-case alphanumeric tokens of its name and key
 * metadata, space-separated. Both SQL dialects index this same string (SQLite FTS5 `unicode61`,
 * PostgreSQL `to_tsvector('simple', …)`), which is what makes their matches identical.
 */
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Run numbers appear zero-padded in names (`00348885`); index the unpadded form too so `348885` matches. */
function withUnpaddedNumbers(tokens: string[]): string[] {
  const extra = tokens.filter((t) => /^0+\d+$/.test(t)).map((t) => t.replace(/^0+/, ""));
  return extra.length ? [...tokens, ...extra] : tokens;
}

export function searchTextFor(did: { scope: string; name: string; meta?: Record<string, unknown> | null }): string {
  const metaText = Object.values(did.meta ?? {})
    .filter((value): value is string => typeof value === "string")
    .join(" ");
  return withUnpaddedNumbers(tokenize(`${did.scope} ${did.name} ${metaText}`)).join(" ");
}
