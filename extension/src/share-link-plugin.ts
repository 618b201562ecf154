import { IRouter, type JupyterFrontEnd, type JupyterFrontEndPlugin } from "@jupyterlab/application";
import { Notification } from "@jupyterlab/apputils";
import { ITranslator } from "@jupyterlab/translation";
import { readShareLink, SHARE_LINK_PATTERN, withoutShareParams } from "./share-link";
import { ICatalogPanel } from "./tokens";
import { catalogStrings } from "./translation";

const PLUGIN_ID = "rucio-catalog-jupyterlab:share-link";
export const OPEN_LINK_COMMAND = "rucio-catalog:open-link";

/**
 * "Open in JupyterLab" links: `…/lab?rucio-catalog=/datasets/<scope>/<name>` opens the catalog panel on
 * that portal page of the *configured* portal. The parameters are removed from the address bar once
 * read, so a reload does not open the link again.
 */
function activate(app: JupyterFrontEnd, router: IRouter, panel: ICatalogPanel, translator: ITranslator | null): void {
  const trans = catalogStrings(translator);

  app.commands.addCommand(OPEN_LINK_COMMAND, {
    label: trans.__("Open a Rucio Catalog link"),
    describedBy: { args: { type: "object", properties: { search: { type: "string" } } } },
    execute: async (args) => {
      const request = readShareLink(typeof args.search === "string" ? args.search : window.location.search);
      window.history.replaceState(window.history.state, "", withoutShareParams(window.location.href));
      if (request.kind === "refused") {
        // JupyterLab truncates notifications at 140 characters: the first reason there, all in the console.
        console.warn("Rucio Catalog: a link's parameters were ignored:", request.reasons);
        Notification.warning(trans.__("Rucio Catalog link ignored: %1", request.reasons[0] ?? ""), {
          autoClose: false,
        });
        return;
      }
      if (request.kind === "open") {
        await app.restored;
        await panel.open(request.path);
        Notification.info(trans.__("Rucio Catalog: opened a shared link to %1", request.describe), {
          autoClose: 8000,
        });
      }
    },
  });
  router.register({ command: OPEN_LINK_COMMAND, pattern: SHARE_LINK_PATTERN, rank: 80 });
}

export const shareLinkPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: "Opens the Rucio Catalog panel on the dataset or search an open-in-JupyterLab link names.",
  autoStart: true,
  requires: [IRouter, ICatalogPanel],
  optional: [ITranslator],
  activate,
};
