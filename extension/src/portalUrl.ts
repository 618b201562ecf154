import { normalizeOrigin } from '@rucio-catalog/protocol';

export interface IPortalUrlSources {
  /** Value the user set explicitly in the settings editor (undefined when not set). */
  user: unknown;
  /** Value configured on the Jupyter server (traitlets or environment), null when not configured. */
  server: string | null;
  /** Schema default, possibly replaced by an admin's overrides.json. */
  fallback: unknown;
}

/**
 * Picks the portal URL: an explicit user setting first, then the server's configuration (so a
 * deployment such as SWAN can preset it per session), then the schema default. Values that are not
 * http(s) URLs are skipped, so a bad entry can never point the frame at javascript: or file: URLs.
 */
export function choosePortalUrl(sources: IPortalUrlSources): string | null {
  for (const candidate of [sources.user, sources.server, sources.fallback]) {
    if (typeof candidate === 'string' && normalizeOrigin(candidate) !== null) {
      return candidate;
    }
  }
  return null;
}
