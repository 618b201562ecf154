import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { IStatusBar } from "@jupyterlab/statusbar";
import { ITranslator } from "@jupyterlab/translation";
import { summarizeProgress } from "./progress";
import { StatusButton } from "./status-button";
import { ICatalogBridge, ICatalogPanel, IStagingMonitor } from "./tokens";
import { catalogStrings } from "./translation";
import { watchNewsView, WATCHES_PATH } from "./watch-news";

const PLUGIN_ID = "rucio-catalog-jupyterlab:status";
export const HISTORY_PATH = "/stagings";

/**
 * Two status bar buttons: the session's staging progress (a click opens the staging history), and the
 * signed-in user's new matches in watched searches as the portal in the panel reports them (a click
 * opens the watched searches; the number stays as last reported while the panel reloads).
 */
function activate(
  _app: JupyterFrontEnd,
  monitor: IStagingMonitor,
  panel: ICatalogPanel,
  bridge: ICatalogBridge,
  statusBar: IStatusBar | null,
  translator: ITranslator | null,
): void {
  if (!statusBar) {
    return; // staging still runs; only its summary has nowhere to go
  }
  const trans = catalogStrings(translator);
  const progress = new StatusButton("jp-RucioCatalogStatus", () => void panel.open(HISTORY_PATH));
  const render = () => {
    const summary = summarizeProgress(monitor.items, Date.now(), trans);
    progress.display(summary && { ...summary, label: trans.__("%1. Open the staging history", summary.text) });
  };
  monitor.changed.connect(render);
  // Finished requests drop out after a while even when nothing else changes.
  window.setInterval(render, 30_000);
  progress.addTo(statusBar, PLUGIN_ID, 50);

  const watchNews = new StatusButton("jp-RucioCatalogWatchNews", () => void panel.open(WATCHES_PATH));
  bridge.received.connect((_, message) => {
    if (message.type === "watch-news") {
      watchNews.display(watchNewsView(message.newCount, trans));
    }
  });
  watchNews.addTo(statusBar, `${PLUGIN_ID}-watch-news`, 51);
}

export const statusPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: "Shows Rucio staging progress and watched-search news in the status bar.",
  autoStart: true,
  requires: [IStagingMonitor, ICatalogPanel, ICatalogBridge],
  optional: [IStatusBar, ITranslator],
  activate,
};
