import "server-only";
import { printQuery, type Query } from "@/lib/catalog/query";
import { asciiLower } from "../search/sql";
import { compilePredicate, type DidPredicate, type PreparedDid, TEXT_COLUMNS } from "./matcher";

interface Entry<T> {
  holds: DidPredicate;
  items: T[];
}

/**
 * One key every DID a query matches must have, or null: a column's exact value (`f:datatype=aod`), else
 * the longest whole token a free-text term requires (`t:zmumu`), else the DID type. Checking a DID against
 * only the queries anchored on its keys (and the unanchored ones) is what keeps thousands of watches cheap.
 */
function anchorOf(query: Query): string | null {
  let column: string | null = null;
  let token: string | null = null;
  let type: string | null = null;
  for (const term of query.terms) {
    if (term.negated || term.kind === "meta") continue;
    if (term.kind === "text") {
      for (const whole of term.prefix ? term.tokens.slice(0, -1) : term.tokens)
        if (!token || whole.length > token.length) token = whole;
      continue;
    }
    const value = term.value;
    if (value.type === "text" && !value.pattern && TEXT_COLUMNS[term.field])
      column ??= `f:${term.field}=${asciiLower(value.text)}`;
    else if (value.type === "didType") type ??= `f:type=${value.didType}`;
    else if (term.field === "run" && value.type === "number" && term.op === ":") column ??= `f:run=${value.value}`;
  }
  return column ?? (token === null ? type : `t:${token}`);
}

function keysOf({ did, lower }: PreparedDid): Set<string> {
  const keys = new Set(did.searchText.split(" ").map((token) => `t:${token}`));
  for (const [field, column] of Object.entries(TEXT_COLUMNS)) {
    const value = lower[column];
    if (value !== null && value !== undefined) keys.add(`f:${field}=${value}`);
  }
  keys.add(`f:type=${did.didType}`);
  if (did.runNumber !== null) keys.add(`f:run=${did.runNumber}`);
  return keys;
}

/**
 * Many saved queries, asked which of them a DID matches. Identical queries are compiled and tested once;
 * each query is tested only against DIDs that have its anchor.
 */
export class QueryIndex<T> {
  private readonly byText = new Map<string, Entry<T>>();
  private readonly anchored = new Map<string, Entry<T>[]>();
  private readonly unanchored: Entry<T>[] = [];

  add(query: Query, item: T): void {
    const text = printQuery(query);
    const known = this.byText.get(text);
    if (known) {
      known.items.push(item);
      return;
    }
    const entry = { holds: compilePredicate(query), items: [item] };
    this.byText.set(text, entry);
    const anchor = anchorOf(query);
    if (anchor === null) this.unanchored.push(entry);
    else this.anchored.set(anchor, [...(this.anchored.get(anchor) ?? []), entry]);
  }

  /** The items of every query `did` matches. */
  matching(did: PreparedDid): T[] {
    const out: T[] = [];
    const test = (entry: Entry<T>) => {
      if (entry.holds(did)) out.push(...entry.items);
    };
    this.unanchored.forEach(test);
    for (const key of keysOf(did)) this.anchored.get(key)?.forEach(test);
    return out;
  }

  get distinctQueries(): number {
    return this.byText.size;
  }
}
