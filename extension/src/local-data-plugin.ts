import type { JupyterFrontEndPlugin } from "@jupyterlab/application";
import { answerLocalCheck } from "./local-data";
import { checkLocal } from "./server-api";
import { sessionSettings } from "./settings";
import { ICatalogBridge, ICatalogSettings } from "./tokens";

const PLUGIN_ID = "rucio-catalog-jupyterlab:local-data";

/** Answers the portal's `local-check` with what this server's download folder holds of the dataset. */
export const localDataPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: "Tells the catalog panel which files of a dataset the download folder holds already.",
  autoStart: true,
  requires: [ICatalogBridge, ICatalogSettings],
  activate: (_app, bridge: ICatalogBridge, settings: ICatalogSettings) => {
    bridge.received.connect((_, message) => {
      if (message.type !== "local-check") {
        return;
      }
      const session = { ...sessionSettings(settings.current), mode: "download" };
      const folder = settings.current.downloadFolder ?? "the download folder";
      void answerLocalCheck(message, () => checkLocal(message.dataset, session), folder).then((body) =>
        bridge.post("local-data", body),
      );
    });
  },
};
