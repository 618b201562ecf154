import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { INotebookTracker, type NotebookPanel } from "@jupyterlab/notebook";
import { ITranslator, type TranslationBundle } from "@jupyterlab/translation";
import { Widget } from "@lumino/widgets";
import { notebookDatasets } from "./notebook-plugin";
import { summarizeStates, type IDataSummary } from "./requirements";
import { checkStates } from "./server-api";
import { sessionSettings } from "./settings";
import { ICatalogSettings, IStagingMonitor } from "./tokens";
import { catalogStrings } from "./translation";

const PLUGIN_ID = "rucio-catalog-jupyterlab:requirements";
// While something is on its way, the state is checked again this often.
const STAGING_RECHECK_MS = 3000;
const DEBOUNCE_MS = 400;
// After "Stage missing", keep checking this long even while the state still reads missing: the portal
// or the server may take a moment to start.
const FOLLOW_AFTER_STAGE_MS = 60_000;

/**
 * Notebook toolbar item: the state of the datasets the notebook declares (here, on their way,
 * missing) and a one-click "Stage missing". Hidden when the notebook declares no datasets.
 */
class DataStateItem extends Widget {
  private readonly label = document.createElement("span");
  private readonly button = document.createElement("button");
  private summary: IDataSummary | null = null;
  private autoStaged = false;
  private timer: number | undefined;
  private checking = 0;
  private followUntil = 0;

  constructor(
    private readonly panel: NotebookPanel,
    private readonly settings: ICatalogSettings,
    private readonly monitor: IStagingMonitor,
    private readonly trans: TranslationBundle,
  ) {
    super();
    this.addClass("jp-RucioCatalogDataState");
    this.node.setAttribute("role", "status");
    this.button.type = "button";
    this.button.textContent = trans.__("Stage missing");
    this.button.className = "jp-RucioCatalogDataState-stage";
    this.button.addEventListener("click", () => void this.stageMissing());
    this.node.append(this.label, this.button);
    this.hide();

    void panel.context.ready.then(() => {
      panel.model?.metadataChanged.connect(() => this.schedule());
      this.schedule(0);
    });
    settings.changed.connect(() => this.schedule());
    monitor.changed.connect(() => {
      if (this.following) {
        this.schedule();
      }
    });
  }

  private get following(): boolean {
    return this.summary?.level === "staging" || Date.now() < this.followUntil;
  }

  schedule(delay = DEBOUNCE_MS): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.check(), delay);
  }

  private async check(): Promise<void> {
    if (this.isDisposed) {
      return;
    }
    const declared = notebookDatasets(this.panel, this.settings.current);
    if (declared.length === 0) {
      this.summary = null;
      this.hide();
      return;
    }
    const run = ++this.checking;
    this.show();
    if (this.summary === null) {
      this.render(this.trans.__("Rucio data: checking…"), "", "staging", false);
    }
    let summary: IDataSummary;
    try {
      const { datasets } = await checkStates(declared.slice(0, 100), sessionSettings(this.settings.current));
      summary = summarizeStates(declared, datasets, this.trans);
    } catch (error) {
      summary = {
        text: this.trans.__("Rucio data: cannot check"),
        title: (error as Error).message,
        level: "error",
        missing: [],
      };
    }
    if (run !== this.checking || this.isDisposed) {
      return; // a newer check is under way
    }
    this.summary = summary;
    this.render(summary.text, summary.title, summary.level, summary.missing.length > 0);
    if (summary.missing.length > 0 && this.settings.current.autoStage && !this.autoStaged) {
      this.autoStaged = true;
      await this.stageMissing();
    } else if (this.following) {
      this.schedule(STAGING_RECHECK_MS);
    }
  }

  private render(text: string, title: string, level: string, canStage: boolean): void {
    this.label.textContent = text;
    this.node.title = title;
    this.node.dataset.level = level;
    this.button.hidden = !canStage;
  }

  private async stageMissing(): Promise<void> {
    const missing = this.summary?.missing ?? [];
    if (missing.length === 0) {
      return;
    }
    this.button.disabled = true;
    this.followUntil = Date.now() + FOLLOW_AFTER_STAGE_MS;
    try {
      await this.monitor.stage(missing);
    } finally {
      this.button.disabled = false;
    }
    this.schedule(STAGING_RECHECK_MS / 3);
  }
}

function activate(
  _app: JupyterFrontEnd,
  settings: ICatalogSettings,
  monitor: IStagingMonitor,
  tracker: INotebookTracker | null,
  translator: ITranslator | null,
): void {
  if (!tracker) {
    return; // no notebooks here, so no data to check
  }
  const trans = catalogStrings(translator);
  tracker.widgetAdded.connect((_, panel) => {
    const item = new DataStateItem(panel, settings, monitor, trans);
    panel.toolbar.insertItem(10, "rucioCatalogData", item);
  });
}

export const requirementsPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: "Checks the datasets a notebook declares and offers to stage the missing ones.",
  autoStart: true,
  requires: [ICatalogSettings, IStagingMonitor],
  optional: [INotebookTracker, ITranslator],
  activate,
};
