/**
 * Theme selection: the page follows prefers-color-scheme unless `data-theme="light"|"dark"` is set on
 * <html>. `?theme=light|dark` sets it (JupyterLab passes its own theme that way; it may also set the
 * attribute directly), `?theme=system` clears it. The choice is kept in sessionStorage, so it survives
 * reloads inside one tab or iframe without leaking into other tabs.
 */
export const THEMES = ["light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_STORAGE_KEY = "rucio-catalog-theme";

// Runs before the first paint (inline in <head>) so a dark page never flashes light.
export const themeBootScript = `(function () {
  try {
    var key = ${JSON.stringify(THEME_STORAGE_KEY)};
    var requested = new URLSearchParams(window.location.search).get("theme");
    if (requested === "light" || requested === "dark") window.sessionStorage.setItem(key, requested);
    else if (requested === "system") window.sessionStorage.removeItem(key);
    var theme = window.sessionStorage.getItem(key);
    if (theme === "light" || theme === "dark") document.documentElement.setAttribute("data-theme", theme);
  } catch (error) {
    /* storage can be blocked in third-party iframes: fall back to prefers-color-scheme */
  }
})();`;
