import type { TranslationBundle } from "@jupyterlab/translation";
import type { IStatusView } from "./status-button";

/** The portal page a click on the watch news opens. */
export const WATCHES_PATH = "/watches";

/** "3 new in watched searches", or nothing when there is no news. */
export function watchNewsView(newCount: number, trans: TranslationBundle): IStatusView | null {
  if (newCount === 0) {
    return null;
  }
  const text = trans._n("%1 new in watched searches", "%1 new in watched searches", newCount);
  return {
    text,
    label: trans.__("%1. Open the watched searches", text),
    title: trans.__("New datasets match your watched searches in the Rucio Catalog"),
    state: "news",
  };
}
