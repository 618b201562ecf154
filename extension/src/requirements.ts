import type { TranslationBundle } from "@jupyterlab/translation";
import type { DatasetRef } from "@rucio-catalog/protocol";
import type { DatasetStateName, IDatasetState } from "./server-api";

export interface IDataSummary {
  text: string;
  title: string;
  level: DatasetStateName;
  /** The declared datasets this session lacks (what "Stage missing" stages). */
  missing: DatasetRef[];
}

/** A dataset state in the user's language (literal msgids, so gettext extraction finds them). */
function stateText(state: DatasetStateName, trans: TranslationBundle): string {
  const texts: Record<DatasetStateName, string> = {
    available: trans.__("available"),
    staging: trans.__("staging"),
    missing: trans.__("missing"),
    error: trans.__("error"),
  };
  return texts[state];
}

function describe(s: IDatasetState, trans: TranslationBundle): string {
  let files = "";
  if (s.filesTotal !== undefined) {
    const here = s.filesAvailable ?? 0;
    files =
      s.mode === "rule" && s.filesVisible !== undefined && s.filesVisible !== s.filesAvailable
        ? trans.__("%1/%2 files here, %3 visible at the mount", here, s.filesTotal, s.filesVisible)
        : trans.__("%1/%2 files here", here, s.filesTotal);
  }
  return `${s.scope}:${s.name}: ${stateText(s.state, trans)}${files ? ` (${files})` : ""}${s.detail ? ` - ${s.detail}` : ""}`;
}

/** The notebook toolbar's data state: how many declared datasets are here, on their way, missing. */
export function summarizeStates(
  declared: DatasetRef[],
  states: IDatasetState[],
  trans: TranslationBundle,
): IDataSummary {
  const count = (state: DatasetStateName) => states.filter((s) => s.state === state).length;
  const [available, staging, missing, errors] = [
    count("available"),
    count("staging"),
    count("missing"),
    count("error"),
  ];
  const parts = [trans.__("Rucio data: %1/%2 available", available, declared.length)];
  if (staging) parts.push(trans.__("%1 staging", staging));
  if (missing) parts.push(trans.__("%1 missing", missing));
  if (errors) parts.push(trans._n("%1 error", "%1 errors", errors));
  const level: DatasetStateName = errors ? "error" : missing ? "missing" : staging ? "staging" : "available";
  const lacking = new Set(states.filter((s) => s.state === "missing").map((s) => `${s.scope}:${s.name}`));
  return {
    text: parts.join(" · "),
    title: states.map((s) => describe(s, trans)).join("\n"),
    level,
    missing: declared.filter((d) => lacking.has(`${d.scope}:${d.name}`)),
  };
}
