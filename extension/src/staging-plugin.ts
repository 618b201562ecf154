import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { Notification } from "@jupyterlab/apputils";
import { ITranslator, type TranslationBundle } from "@jupyterlab/translation";
import { normalizeOrigin, type DatasetRef, type MessageOf } from "@rucio-catalog/protocol";
import { Signal, type ISignal } from "@lumino/signaling";
import type { ProgressItem } from "./progress";
import { createRule, listDownloads, startDownload, type IDownload } from "./server-api";
import { sessionSettings } from "./settings";
import { ICatalogBridge, ICatalogSettings, IStagingMonitor } from "./tokens";
import { catalogStrings } from "./translation";

const PLUGIN_ID = "rucio-catalog-jupyterlab:staging";
const ACTIVE_POLL_MS = 1000;
const IDLE_POLL_MS = 10_000;
const UNAVAILABLE_POLL_MS = 60_000;
const PORTAL_CONNECT_WAIT_MS = 15_000;

function downloadItem(d: IDownload): ProgressItem {
  return {
    key: `download:${d.id}`,
    requestId: d.requestId,
    label: `${d.scope}:${d.name}`,
    state: d.state,
    filesDone: d.filesDone,
    filesTotal: d.filesTotal,
    bytesDone: d.bytesDone,
    bytesTotal: d.bytesTotal,
    error: d.error,
    updatedAt: d.updatedAt * 1000,
  };
}

/**
 * Knows the session's staging requests: polls the server's downloads (fast while one runs), keeps the
 * rule-mode progress the portal posts, starts downloads the portal asks for (`stage`), and forwards
 * download progress to the portal so its page moves too.
 */
class StagingMonitor implements IStagingMonitor {
  private downloads: ProgressItem[] = [];
  private readonly portalProgress = new Map<string, ProgressItem>();
  private readonly forwarded = new Map<string, string>();
  private readonly _changed: Signal<IStagingMonitor, readonly ProgressItem[]> = new Signal<
    IStagingMonitor,
    readonly ProgressItem[]
  >(this);
  private timer: number | undefined;
  private serverAvailable = true;

  constructor(
    private readonly bridge: ICatalogBridge,
    private readonly settings: ICatalogSettings,
    private readonly trans: TranslationBundle,
  ) {
    bridge.received.connect((_, message) => {
      if (message.type === "stage") {
        void this.runStage(message);
      } else if (message.type === "progress") {
        this.portalProgress.set(message.requestId, {
          key: `portal:${message.requestId}`,
          requestId: message.requestId,
          label: this.trans.__("request %1", message.requestId),
          state: message.state,
          filesDone: message.filesDone,
          filesTotal: message.filesTotal,
          bytesDone: message.bytesDone,
          bytesTotal: message.bytesTotal,
          error: message.error ?? null,
          updatedAt: Date.now(),
        });
        this._changed.emit(this.items);
      }
    });
    this.refresh();
  }

  get changed(): ISignal<IStagingMonitor, readonly ProgressItem[]> {
    return this._changed;
  }

  get items(): readonly ProgressItem[] {
    const local = new Set(this.downloads.map((d) => d.requestId).filter(Boolean));
    // A download's own numbers win over the portal's echo of them.
    return [...this.downloads, ...[...this.portalProgress.values()].filter((p) => !local.has(p.requestId))];
  }

  refresh(): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.poll(), 0);
  }

  async stage(datasets: DatasetRef[]): Promise<void> {
    // A panel that is still loading (e.g. restored with the notebook) gets a moment to connect first.
    if (
      (await this.bridge.whenConnected(PORTAL_CONNECT_WAIT_MS)) &&
      this.bridge.portalCapabilities.includes("request-stage")
    ) {
      // The portal records the requests (history) and answers with `stage` or `progress` messages.
      this.bridge.post("request-stage", { datasets });
      return;
    }
    const settings = this.settings.current;
    const outcomes = await Promise.allSettled(
      datasets.map((d) => {
        const session = { ...sessionSettings(settings), mode: d.mode ?? settings.mode };
        return session.mode === "download" ? startDownload(d, session) : createRule(d, session);
      }),
    );
    outcomes.forEach((outcome, index) => {
      if (outcome.status === "rejected") {
        const d = datasets[index];
        const did = `${d?.scope}:${d?.name}`;
        Notification.error(
          this.trans.__("Rucio Catalog: staging %1 failed: %2", did, (outcome.reason as Error).message),
          {
            autoClose: false,
          },
        );
      }
    });
    this.refresh();
  }

  private async runStage(message: MessageOf<"stage">): Promise<void> {
    const { requestId, progressUrl, token, dataset } = message;
    const fail = (error: string) => {
      const did = `${dataset.scope}:${dataset.name}`;
      Notification.error(this.trans.__("Rucio Catalog: download of %1 failed: %2", did, error), { autoClose: false });
      this.bridge.post("progress", {
        requestId,
        state: "failed",
        filesDone: 0,
        filesTotal: 0,
        bytesDone: 0,
        bytesTotal: 0,
        error: error.slice(0, 256),
      });
    };
    // The token must only ever travel back to the portal that issued it.
    if (normalizeOrigin(progressUrl) !== this.settings.current.portalOrigin) {
      console.warn("Rucio Catalog: dropped a stage request whose progress URL is not on the portal", progressUrl);
      fail(this.trans.__("the progress URL is not on the portal"));
      return;
    }
    const session = { ...sessionSettings(this.settings.current), mode: "download" };
    try {
      await startDownload(dataset, session, { requestId, progressUrl, token });
    } catch (error) {
      fail((error as Error).message);
    }
    this.refresh();
  }

  private async poll(): Promise<void> {
    let next = IDLE_POLL_MS;
    try {
      const { downloads } = await listDownloads();
      this.serverAvailable = true;
      this.downloads = downloads.map(downloadItem);
      this.forwardProgress(downloads);
      this._changed.emit(this.items);
      if (downloads.some((d) => d.state === "pending" || d.state === "staging")) {
        next = ACTIVE_POLL_MS;
      }
    } catch (error) {
      if (this.serverAvailable) {
        console.warn("Rucio Catalog: cannot list downloads (is the server extension enabled?)", error);
      }
      this.serverAvailable = false;
      next = UNAVAILABLE_POLL_MS;
    }
    this.timer = window.setTimeout(() => void this.poll(), next);
  }

  private forwardProgress(downloads: IDownload[]): void {
    for (const d of downloads) {
      if (!d.requestId) {
        continue;
      }
      const { requestId, state, filesDone, filesTotal, bytesDone, bytesTotal } = d;
      const fingerprint = JSON.stringify([state, filesDone, filesTotal, bytesDone, bytesTotal, d.error]);
      if (this.forwarded.get(requestId) === fingerprint) {
        continue;
      }
      const body = {
        requestId,
        state,
        filesDone,
        filesTotal,
        bytesDone,
        bytesTotal,
        ...(d.error ? { error: d.error.slice(0, 256) } : {}),
      };
      if (this.bridge.post("progress", body)) {
        this.forwarded.set(requestId, fingerprint);
      }
    }
  }
}

function activate(
  _app: JupyterFrontEnd,
  bridge: ICatalogBridge,
  settings: ICatalogSettings,
  translator: ITranslator | null,
): IStagingMonitor {
  return new StagingMonitor(bridge, settings, catalogStrings(translator));
}

export const stagingPlugin: JupyterFrontEndPlugin<IStagingMonitor> = {
  id: PLUGIN_ID,
  description: "Runs and follows Rucio staging requests for this session.",
  autoStart: true,
  requires: [ICatalogBridge, ICatalogSettings],
  optional: [ITranslator],
  provides: IStagingMonitor,
  activate,
};
