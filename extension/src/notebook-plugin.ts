import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { Notification } from "@jupyterlab/apputils";
import { INotebookTracker, NotebookActions, type NotebookPanel } from "@jupyterlab/notebook";
import { ITranslator, type TranslationBundle } from "@jupyterlab/translation";
import type { DatasetRef } from "@rucio-catalog/protocol";
import {
  buildPathsCell,
  declaredDatasets,
  LEGACY_METADATA_KEY,
  METADATA_KEY,
  pathsCellDecision,
  withInsertedDatasets,
  type IInsertedDataset,
  type PathsCellDecision,
} from "./notebook-data";
import { resolvePaths } from "./server-api";
import { sessionSettings, type CatalogSettings } from "./settings";
import { ICatalogBridge, ICatalogSettings } from "./tokens";
import { catalogStrings } from "./translation";

const PLUGIN_ID = "rucio-catalog-jupyterlab:notebook";

/** The session defaults legacy notebook metadata (which names no instance or mode) is read with. */
export function sessionDefaults(settings: CatalogSettings) {
  return { instance: settings.instance ?? "default", mode: settings.mode };
}

/** The datasets a notebook's metadata declares (ours and the older extension's). */
export function notebookDatasets(panel: NotebookPanel, settings: CatalogSettings): DatasetRef[] {
  const model = panel.model;
  if (!model) {
    return [];
  }
  const metadata = {
    [METADATA_KEY]: model.getMetadata(METADATA_KEY),
    [LEGACY_METADATA_KEY]: model.getMetadata(LEGACY_METADATA_KEY),
  };
  return declaredDatasets(metadata, sessionDefaults(settings));
}

/** Paths from the server extension (it knows the mount and the folder); the portal's as a fallback. */
async function resolveForSession(dataset: DatasetRef, settings: CatalogSettings): Promise<IInsertedDataset> {
  const mode = dataset.mode ?? settings.mode;
  try {
    const resolved = await resolvePaths(dataset, { ...sessionSettings(settings), mode });
    return { dataset: { ...dataset, type: resolved.didType }, mode, localPaths: resolved.localPaths };
  } catch (error) {
    if (dataset.localPaths && dataset.localPaths.length > 0) {
      console.warn(`Rucio Catalog: using the portal's paths for ${dataset.scope}:${dataset.name}`, error);
      return { dataset, mode, localPaths: dataset.localPaths };
    }
    throw new Error(`${dataset.scope}:${dataset.name}: ${(error as Error).message}`);
  }
}

/**
 * The notebook's kernel language as the notebook records it; a notebook whose kernel has not written
 * its kernelspec yet falls back to the spec of the kernel it is connected to.
 */
async function kernelLanguageDecision(panel: NotebookPanel, trans: TranslationBundle): Promise<PathsCellDecision> {
  await panel.sessionContext.ready;
  const model = panel.model;
  const languageInfo = model?.getMetadata("language_info");
  const kernelspec = model?.getMetadata("kernelspec") ?? (await panel.sessionContext.session?.kernel?.spec);
  return pathsCellDecision({ languageInfo, kernelspec }, trans);
}

/**
 * Records the datasets in the notebook's metadata and, in a Python notebook, adds a code cell below
 * the active cell with their local paths. The cell is never run.
 */
async function insertDatasets(
  tracker: INotebookTracker | null,
  settings: ICatalogSettings,
  datasets: DatasetRef[],
  trans: TranslationBundle,
): Promise<void> {
  const panel = tracker?.currentWidget;
  if (!panel) {
    Notification.warning(trans.__("Rucio Catalog: open a notebook to insert datasets into."), { autoClose: 8000 });
    return;
  }
  await panel.context.ready;
  const outcomes = await Promise.allSettled(datasets.map((d) => resolveForSession(d, settings.current)));
  const resolved = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
  for (const outcome of outcomes) {
    if (outcome.status === "rejected") {
      const reason = (outcome.reason as Error).message;
      Notification.error(trans.__("Rucio Catalog could not find local paths for %1", reason), { autoClose: false });
    }
  }
  const model = panel.model;
  if (resolved.length === 0 || !model || panel.isDisposed) {
    return;
  }
  const decision = await kernelLanguageDecision(panel, trans);
  if (panel.isDisposed) {
    return;
  }
  model.setMetadata(METADATA_KEY, withInsertedDatasets(model.getMetadata(METADATA_KEY), resolved));
  if (!decision.insert) {
    const message = trans._n(
      "Rucio Catalog: recorded %1 dataset in the metadata of %2 but inserted no code cell: the cell is Python and %3.",
      "Rucio Catalog: recorded %1 datasets in the metadata of %2 but inserted no code cell: the cell is Python and %3.",
      resolved.length,
      panel.context.path,
      decision.reason,
    );
    Notification.warning(message, { autoClose: false });
    return;
  }
  const notebook = panel.content;
  NotebookActions.insertBelow(notebook);
  NotebookActions.changeCellType(notebook, "code");
  notebook.activeCell?.model.sharedModel.setSource(buildPathsCell(resolved, trans));
  const message = trans._n(
    "Rucio Catalog: inserted %1 dataset into %2",
    "Rucio Catalog: inserted %1 datasets into %2",
    resolved.length,
    panel.context.path,
  );
  Notification.info(message, { autoClose: 5000 });
}

function activate(
  _app: JupyterFrontEnd,
  bridge: ICatalogBridge,
  settings: ICatalogSettings,
  tracker: INotebookTracker | null,
  translator: ITranslator | null,
): void {
  const trans = catalogStrings(translator);
  bridge.received.connect((_, message) => {
    if (message.type === "insert-datasets") {
      void insertDatasets(tracker, settings, message.datasets, trans);
    }
  });

  // Tell the portal which notebook is active and what it declares, so it can show and offer them.
  const sendContext = () => {
    const panel = tracker?.currentWidget;
    bridge.post("notebook-context", {
      notebookPath: panel?.context.path ?? null,
      datasets: panel ? notebookDatasets(panel, settings.current).slice(0, 1000) : [],
    });
  };
  bridge.connectionChanged.connect((_, connected) => connected && sendContext());
  if (!tracker) {
    return; // without notebooks the portal hears "no notebook", and insertions say to open one
  }
  tracker.currentChanged.connect(sendContext);
  tracker.widgetAdded.connect((_, panel) => {
    void panel.context.ready.then(() => {
      panel.model?.metadataChanged.connect(() => {
        if (tracker.currentWidget === panel) {
          sendContext();
        }
      });
      if (tracker.currentWidget === panel) {
        sendContext();
      }
    });
  });
}

export const notebookPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    "Inserts datasets from the Rucio Catalog portal into notebooks and tells the portal what a notebook declares.",
  autoStart: true,
  requires: [ICatalogBridge, ICatalogSettings],
  optional: [INotebookTracker, ITranslator],
  activate,
};
