import { normalizeOrigin, type StagingMode } from "@rucio-catalog/protocol";
import type { IServerConfig } from "./server-api";

export type PanelArea = "main" | "right";

export interface CatalogSettings {
  /** http(s) URL of the portal, or null when none is configured validly. */
  portalUrl: string | null;
  /** The only origin whose messages the panel accepts: allowedOrigin, else the portal URL's origin. */
  portalOrigin: string | null;
  instance: string | null;
  mode: StagingMode;
  destinationRse: string | null;
  rseMountPath: string | null;
  rsePathBeginsAt: number | null;
  /** null: the server's download folder. */
  downloadFolder: string | null;
  autoStage: boolean;
  panelArea: PanelArea;
  /** The Jupyter server can sign the panel in to the portal (its own configuration decides). */
  embedSignIn: boolean;
}

/** Values as the settings registry gives them: what the user set, and the (possibly admin-overridden) defaults. */
export interface ISettingSources {
  user: Record<string, unknown>;
  defaults: Record<string, unknown>;
}

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : null;
const httpUrl = (value: unknown): string | null => {
  const candidate = text(value);
  return candidate !== null && normalizeOrigin(candidate) !== null ? candidate : null;
};
const mode = (value: unknown): StagingMode | null => (value === "rule" || value === "download" ? value : null);
const offset = (value: unknown): number | null =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 64 ? value : null;
const flag = (value: unknown): boolean | null => (typeof value === "boolean" ? value : null);
const area = (value: unknown): PanelArea | null => (value === "main" || value === "right" ? value : null);

/**
 * Each setting comes from the first source that has a valid value: what the user set explicitly, then
 * the Jupyter server's configuration (so a deployment such as SWAN presets it per session), then the
 * schema default. Invalid values are skipped, so a bad entry can never point the frame at a
 * javascript: or file: URL.
 */
export function resolveSettings(sources: ISettingSources, server: IServerConfig | null): CatalogSettings {
  function pick<T>(key: string, parse: (value: unknown) => T | null, serverValue: unknown): T | null {
    return parse(sources.user[key]) ?? parse(serverValue) ?? parse(sources.defaults[key]);
  }
  const portalUrl = pick("portalUrl", httpUrl, server?.portalUrl);
  const allowedOrigin = pick("allowedOrigin", httpUrl, server?.allowedOrigin);
  return {
    portalUrl,
    portalOrigin: normalizeOrigin(allowedOrigin ?? portalUrl ?? ""),
    instance: pick("instance", text, server?.rucioInstance),
    mode: pick("mode", mode, server?.mode) ?? "rule",
    destinationRse: pick("destinationRse", text, server?.destinationRse),
    rseMountPath: pick("rseMountPath", text, server?.rseMountPath),
    rsePathBeginsAt: pick("rsePathBeginsAt", offset, server?.rsePathBeginsAt),
    downloadFolder: pick("downloadFolder", text, null),
    autoStage: pick("autoStage", flag, server?.autoStage) ?? false,
    panelArea: pick("panelArea", area, null) ?? "main",
    embedSignIn: server?.embedSignIn === true,
  };
}

/** The settings the server extension needs for paths, state checks and staging of this session. */
export function sessionSettings(settings: CatalogSettings): Record<string, unknown> {
  const values: Record<string, unknown> = {
    mode: settings.mode,
    destinationRse: settings.destinationRse,
    rseMountPath: settings.rseMountPath,
    rsePathBeginsAt: settings.rsePathBeginsAt,
    downloadFolder: settings.downloadFolder,
  };
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null));
}
