"use client";

import { useEffect, useState, type FormEvent, type KeyboardEvent, type RefObject } from "react";
import { SORTS, type SearchSort } from "@/lib/catalog/types";
import { ColumnHeadings } from "../_components/column-headings";
import { LabelledOptions } from "../_components/labelled-options";
import { withBasePath } from "@/lib/base-path";

export interface PositionedError {
  message: string;
  position?: number;
  length?: number;
}

const SORT_LABELS: Record<SearchSort, string> = {
  relevance: "Relevance",
  newest: "Newest",
  size: "Size",
  name: "Name",
};

const SYNTAX: { example: string; meaning: string }[] = [
  { example: "ttbar DAOD_PHYS", meaning: "free text: every word must match the name or metadata" },
  { example: '"physics_Main"', meaning: "a quoted phrase" },
  { example: "Zmumu*", meaning: "a word prefix" },
  { example: "datatype:DAOD_PHYSLITE", meaning: "a field equals a value" },
  { example: "run>=350000  run:348000..349999", meaning: "comparisons (> >= < <=) and ranges" },
  { example: "size>10GB  events>1M  created>=2024-06", meaning: "sizes, counts and dates" },
  { example: "-campaign:mc20a", meaning: "exclude with a leading minus" },
  { example: "scope:data18_13TeV  type:container", meaning: "one scope; datasets or containers" },
  { example: "name:data18*PHYS*  stream:physics_?ain", meaning: "wildcards: * any run, ? one character" },
  { example: "meta.data_tier:NANOAOD*  meta.nevents>1000", meaning: "any metadata key Rucio holds for the DID" },
];

interface QueryBoxProps {
  q: string;
  sort: SearchSort;
  error: PositionedError | null;
  inputRef: RefObject<HTMLInputElement | null>;
  onSearch: (q: string, sort: SearchSort) => void;
  /** ArrowDown in the box moves to the first result. */
  onLeaveDown: () => void;
}

/** The query input with its sort, syntax help and the parser's error underlined where it occurred. */
export function QueryBox({ q, sort, error, inputRef, onSearch, onLeaveDown }: QueryBoxProps) {
  const [draft, setDraft] = useState(q);
  // A facet click or back/forward changes q from outside: show it.
  useEffect(() => setDraft(q), [q]);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(draft.trim(), sort);
  }

  function keyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      onLeaveDown();
    }
  }

  const positioned = error && error.position !== undefined;
  return (
    <form role="search" className="query-box" onSubmit={submit} action={withBasePath("/search")}>
      <label htmlFor="search-q" className="query-label">
        Search datasets
      </label>
      <div className="query-row">
        <input
          id="search-q"
          ref={inputRef}
          name="q"
          type="search"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={keyDown}
          placeholder="e.g. DAOD_PHYS data18 run>=350000"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={`search-keys${error ? " query-error" : ""}`}
          aria-keyshortcuts="/"
        />
        <button type="submit" className="button primary">
          Search
        </button>
        <label className="sort-label">
          Sort
          <select
            name="sort"
            value={sort}
            onChange={(event) => onSearch(draft.trim(), event.target.value as SearchSort)}
          >
            <LabelledOptions values={SORTS} labels={SORT_LABELS} />
          </select>
        </label>
      </div>
      <p id="search-keys" className="hint muted">
        Press <kbd>/</kbd> to search, <kbd>↑</kbd> <kbd>↓</kbd> to move through results, <kbd>Enter</kbd> to open one.
      </p>
      {error && (
        <div id="query-error" className="query-error" role="alert">
          <p>{error.message}</p>
          {positioned && <QueryEcho q={q} position={error.position ?? 0} length={error.length ?? 0} />}
        </div>
      )}
      <details className="syntax-help">
        <summary>Query syntax</summary>
        <table>
          <caption className="visually-hidden">Query syntax examples</caption>
          <ColumnHeadings columns={["Type", "To find"]} />
          <tbody>
            {SYNTAX.map(({ example, meaning }) => (
              <tr key={example}>
                <td>
                  <code>{example}</code>
                </td>
                <td>{meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          Fields: scope, type, name, project, datatype, run, stream, prod_step, version, campaign, events, size, files,
          created, account, instance, and meta.KEY for any other metadata key.
        </p>
      </details>
    </form>
  );
}

/** The submitted query with the offending part underlined (a caret past the end when the query ended early). */
function QueryEcho({ q, position, length }: { q: string; position: number; length: number }) {
  const start = Math.min(Math.max(position, 0), q.length);
  const end = Math.min(start + Math.max(length, 0), q.length);
  const marked = q.slice(start, end);
  return (
    <pre className="query-echo" aria-label={`Error at character ${start + 1}`}>
      <code>
        {q.slice(0, start)}
        <mark className="query-error-mark">{marked || " "}</mark>
        {q.slice(end)}
      </code>
    </pre>
  );
}
