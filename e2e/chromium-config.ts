import { defineConfig, type PlaywrightTestConfig } from "@playwright/test";

/**
 * What both e2e suites share: one test at a time against `baseURL`, in Debian's Chromium (Playwright's
 * own browser download is not available on these machines). `config` adds the suite's own settings.
 */
export function chromiumConfig(baseURL: string, config: PlaywrightTestConfig) {
  return defineConfig({
    retries: 0,
    workers: 1,
    reporter: [["list"]],
    ...config,
    use: {
      baseURL,
      trace: "retain-on-failure",
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      },
    },
  });
}
