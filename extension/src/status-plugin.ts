import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { IStatusBar } from "@jupyterlab/statusbar";
import { ITranslator, type TranslationBundle } from "@jupyterlab/translation";
import { Signal } from "@lumino/signaling";
import { Widget } from "@lumino/widgets";
import { summarizeProgress, type IProgressSummary } from "./progress";
import { ICatalogPanel, IStagingMonitor } from "./tokens";
import { catalogStrings } from "./translation";

const PLUGIN_ID = "rucio-catalog-jupyterlab:status";
export const HISTORY_PATH = "/stagings";

/** Staging progress of the session in the status bar; a click opens the portal's staging history. */
class StagingStatus extends Widget {
  summary: IProgressSummary | null = null;

  constructor(
    private readonly trans: TranslationBundle,
    onClick: () => void,
  ) {
    super({ node: document.createElement("button") });
    this.addClass("jp-RucioCatalogStatus");
    this.node.setAttribute("type", "button");
    this.node.addEventListener("click", onClick);
  }

  display(summary: IProgressSummary | null): void {
    this.summary = summary;
    this.node.textContent = summary?.text ?? "";
    this.node.title = summary?.title ?? "";
    this.node.dataset.state = summary?.state ?? "idle";
    this.node.setAttribute("aria-label", summary ? this.trans.__("%1. Open the staging history", summary.text) : "");
  }
}

function activate(
  _app: JupyterFrontEnd,
  monitor: IStagingMonitor,
  panel: ICatalogPanel,
  statusBar: IStatusBar | null,
  translator: ITranslator | null,
): void {
  if (!statusBar) {
    return; // staging still runs; only its summary has nowhere to go
  }
  const trans = catalogStrings(translator);
  const status = new StagingStatus(trans, () => void panel.open(HISTORY_PATH));
  const activeChanged = new Signal<StagingStatus, void>(status);
  const render = () => {
    const wasShown = status.summary !== null;
    status.display(summarizeProgress(monitor.items, Date.now(), trans));
    if (wasShown !== (status.summary !== null)) {
      activeChanged.emit();
    }
  };
  monitor.changed.connect(render);
  // Finished requests drop out after a while even when nothing else changes.
  window.setInterval(render, 30_000);
  statusBar.registerStatusItem(PLUGIN_ID, {
    item: status,
    align: "left",
    rank: 50,
    isActive: () => status.summary !== null,
    activeStateChanged: activeChanged,
  });
}

export const statusPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: "Shows Rucio staging progress in the status bar.",
  autoStart: true,
  requires: [IStagingMonitor, ICatalogPanel],
  optional: [IStatusBar, ITranslator],
  activate,
};
