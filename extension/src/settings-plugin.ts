import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { ISettingRegistry } from "@jupyterlab/settingregistry";
import { Signal, type ISignal } from "@lumino/signaling";
import { fetchServerConfig } from "./server-api";
import { resolveSettings, type CatalogSettings } from "./settings";
import { ICatalogSettings } from "./tokens";

const PLUGIN_ID = "rucio-catalog-jupyterlab:settings";

class CatalogSettingsService implements ICatalogSettings {
  private _current: CatalogSettings;
  private readonly _changed: Signal<ICatalogSettings, CatalogSettings> = new Signal<ICatalogSettings, CatalogSettings>(
    this,
  );

  constructor(initial: CatalogSettings) {
    this._current = initial;
  }

  get current(): CatalogSettings {
    return this._current;
  }

  get changed(): ISignal<ICatalogSettings, CatalogSettings> {
    return this._changed;
  }

  update(next: CatalogSettings): void {
    if (JSON.stringify(next) !== JSON.stringify(this._current)) {
      this._current = next;
      this._changed.emit(next);
    }
  }
}

/**
 * Without a settings registry (an application that has none) the server's configuration applies over
 * the built-in fallbacks, and nothing changes until a reload.
 */
async function activate(_app: JupyterFrontEnd, registry: ISettingRegistry | null): Promise<ICatalogSettings> {
  const [loaded, server] = await Promise.all([registry?.load(PLUGIN_ID) ?? null, fetchServerConfig()]);
  // Schema defaults, with any admin overrides (overrides.json) already applied by the server.
  const defaults = Object.fromEntries(
    Object.entries(loaded?.schema.properties ?? {}).map(([key, property]) => [key, property.default as unknown]),
  );
  const read = () => resolveSettings({ user: (loaded?.user ?? {}) as Record<string, unknown>, defaults }, server);
  const service = new CatalogSettingsService(read());
  loaded?.changed.connect(() => service.update(read()));
  return service;
}

export const settingsPlugin: JupyterFrontEndPlugin<ICatalogSettings> = {
  id: PLUGIN_ID,
  description: "Rucio Catalog settings: the user's, else the Jupyter server's, else the defaults.",
  autoStart: true,
  optional: [ISettingRegistry],
  provides: ICatalogSettings,
  activate,
};
