import type { TranslationBundle } from "@jupyterlab/translation";
import { datasetRefSchema, type DatasetRef, type StagingMode } from "@rucio-catalog/protocol";

/** Notebook metadata key of this extension: metadata.rucio_catalog.datasets. */
export const METADATA_KEY = "rucio_catalog";
/** What the older rucio-jupyterlab extension wrote: [{did: "scope:name", variableName, type}]. */
export const LEGACY_METADATA_KEY = "rucio_attachments";

/** One entry of metadata.rucio_catalog.datasets. */
export interface IDatasetEntry {
  instance: string;
  scope: string;
  name: string;
  type: DatasetRef["type"];
  mode: StagingMode;
  local_paths: string[];
}

export interface IInsertedDataset {
  dataset: DatasetRef;
  mode: StagingMode;
  localPaths: string[];
}

const PYTHON_KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(
    " ",
  ),
);

/** A readable Python variable name for a dataset, unique among `taken`. */
export function pythonIdentifier(name: string, taken: Set<string>): string {
  let base = name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "")
    .slice(0, 60)
    .replace(/_$/, "");
  if (base === "" || /^[0-9]/.test(base)) {
    base = `ds_${base}`;
  }
  if (PYTHON_KEYWORDS.has(base)) {
    base = `${base}_`;
  }
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) {
    candidate = `${base}_${n}`;
  }
  taken.add(candidate);
  return candidate;
}

/** A DID type in the user's language (literal msgids, so gettext extraction finds them). */
function didTypeText(type: DatasetRef["type"], trans: TranslationBundle): string {
  const texts: Record<DatasetRef["type"], string> = {
    DATASET: trans.__("dataset"),
    CONTAINER: trans.__("container"),
    FILE: trans.__("file"),
  };
  return texts[type];
}

/**
 * The code of the inserted cell: per dataset a comment naming it and a Python list of its local paths.
 * JSON string literals are valid Python string literals, so any path is quoted safely.
 */
export function buildPathsCell(inserted: IInsertedDataset[], trans: TranslationBundle): string {
  const taken = new Set<string>();
  return inserted
    .map(({ dataset, mode, localPaths }) => {
      const variable = pythonIdentifier(dataset.name, taken);
      const header = trans._n(
        "Rucio %2 %3 (%4, %5 mode, %1 file)",
        "Rucio %2 %3 (%4, %5 mode, %1 files)",
        localPaths.length,
        didTypeText(dataset.type, trans),
        `${dataset.scope}:${dataset.name}`,
        dataset.instance,
        mode,
      );
      // A line break in a translation would end the comment and leave the rest as code.
      const comment = `# ${header.replace(/[\r\n]+/g, " ")}`;
      const items = localPaths.map((path) => `    ${JSON.stringify(path)},`);
      return [comment, `${variable} = [`, ...items, "]"].join("\n");
    })
    .join("\n\n");
}

/** metadata.rucio_catalog with the inserted datasets added (an entry for the same DID is replaced). */
export function withInsertedDatasets(existing: unknown, inserted: IInsertedDataset[]): Record<string, unknown> {
  const current = existing !== null && typeof existing === "object" ? (existing as Record<string, unknown>) : {};
  const entries = readEntries(current.datasets);
  for (const { dataset, mode, localPaths } of inserted) {
    const entry: IDatasetEntry = {
      instance: dataset.instance,
      scope: dataset.scope,
      name: dataset.name,
      type: dataset.type,
      mode,
      local_paths: localPaths,
    };
    const index = entries.findIndex((e) => sameDid(e, entry));
    if (index >= 0) {
      entries[index] = entry;
    } else {
      entries.push(entry);
    }
  }
  return { ...current, datasets: entries };
}

function sameDid(
  a: { instance: string; scope: string; name: string },
  b: { instance: string; scope: string; name: string },
) {
  return a.instance === b.instance && a.scope === b.scope && a.name === b.name;
}

function readEntries(value: unknown): IDatasetEntry[] {
  return Array.isArray(value) ? value.filter((e): e is IDatasetEntry => typeof e === "object" && e !== null) : [];
}

/**
 * The datasets a notebook declares, in our metadata or the older extension's, as protocol dataset
 * references (validated: notebooks are untrusted input). Legacy entries carry no instance or mode,
 * so they get the session's.
 */
export function declaredDatasets(
  metadata: { [METADATA_KEY]?: unknown; [LEGACY_METADATA_KEY]?: unknown },
  session: { instance: string; mode: StagingMode },
): DatasetRef[] {
  const found: DatasetRef[] = [];
  const add = (candidate: unknown) => {
    const parsed = datasetRefSchema.safeParse(candidate);
    if (parsed.success && !found.some((d) => sameDid(d, parsed.data))) {
      found.push(parsed.data);
    }
  };
  const ours = metadata[METADATA_KEY] as { datasets?: unknown } | undefined;
  for (const entry of readEntries(ours?.datasets)) {
    add({
      instance: entry.instance,
      scope: entry.scope,
      name: entry.name,
      type: entry.type ?? "DATASET",
      mode: entry.mode,
      localPaths: Array.isArray(entry.local_paths) && entry.local_paths.length > 0 ? entry.local_paths : undefined,
    });
  }
  const legacy = metadata[LEGACY_METADATA_KEY];
  for (const attachment of Array.isArray(legacy) ? legacy : []) {
    const did = (attachment as { did?: unknown } | null)?.did;
    const separator = typeof did === "string" ? did.indexOf(":") : -1;
    if (typeof did !== "string" || separator <= 0) {
      continue;
    }
    add({
      instance: session.instance,
      scope: did.slice(0, separator),
      name: did.slice(separator + 1),
      // the older extension only knew "collection" (dataset or container) and "file"
      type: (attachment as { type?: unknown }).type === "file" ? "FILE" : "DATASET",
      mode: session.mode,
    });
  }
  return found;
}

/** Whether the paths cell may be inserted, and if not, why (for the user). */
export type PathsCellDecision = { insert: true } | { insert: false; reason: string };

/**
 * The paths cell is Python code, so it goes only into notebooks whose kernel speaks Python; in any
 * other notebook it would be a cell that fails when run. The kernel's own answer (language_info,
 * written once it started) wins over the kernelspec the notebook was saved with. Both come from the
 * notebook file, so they are read as untrusted values.
 */
export function pathsCellDecision(
  kernel: { languageInfo?: unknown; kernelspec?: unknown },
  trans: TranslationBundle,
): PathsCellDecision {
  const language = stringField(kernel.languageInfo, "name") ?? stringField(kernel.kernelspec, "language");
  if (language === undefined) {
    return { insert: false, reason: trans.__("the notebook's kernel language is unknown") };
  }
  if (/^python[0-9.]*$/i.test(language.trim())) {
    return { insert: true };
  }
  return {
    insert: false,
    reason: trans.__("the notebook's kernel language is %1, not Python", JSON.stringify(language.slice(0, 40))),
  };
}

function stringField(value: unknown, key: string): string | undefined {
  const field = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return typeof field === "string" && field.trim() !== "" ? field : undefined;
}
