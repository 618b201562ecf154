import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

/** The part of GET /rucio-catalog/config the frontend uses so far. */
export interface IServerConfig {
  portalUrl: string | null;
}

/**
 * Reads the Jupyter server extension's configuration. Returns null (and logs why) when the server
 * extension is missing or disabled, so the panel still works from its frontend settings alone.
 */
export async function fetchServerConfig(
  serverSettings: ServerConnection.ISettings = ServerConnection.makeSettings()
): Promise<IServerConfig | null> {
  const url = URLExt.join(serverSettings.baseUrl, 'rucio-catalog', 'config');
  try {
    const response = await ServerConnection.makeRequest(url, {}, serverSettings);
    if (!response.ok) {
      throw new ServerConnection.ResponseError(response);
    }
    const data: unknown = await response.json();
    const portalUrl = (data as { portalUrl?: unknown } | null)?.portalUrl;
    return { portalUrl: typeof portalUrl === 'string' ? portalUrl : null };
  } catch (error) {
    console.warn('Rucio Catalog: server configuration unavailable, using frontend settings only', error);
    return null;
  }
}
