import type { IThemeManager } from "@jupyterlab/apputils";
import type { Theme } from "@rucio-catalog/protocol";

/** JupyterLab's current theme as the portal knows themes: light or dark. */
export function currentTheme(themeManager: IThemeManager | null, body: HTMLElement = document.body): Theme {
  const name = themeManager?.theme;
  if (themeManager && name) {
    return themeManager.isLight(name) ? "light" : "dark";
  }
  // JupyterLab marks the body once a theme is applied (data-jp-theme-light="true"|"false").
  return body.dataset.jpThemeLight === "false" ? "dark" : "light";
}
