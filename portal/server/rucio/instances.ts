import "server-only";
import { env, type RucioInstanceConfig } from "../env";

export interface RucioInstance {
  name: string;
  /** Base URL without trailing slash. */
  url: string;
  authUrl: string;
  vo?: string;
  timeoutMs: number;
  retries: number;
  retryBaseMs: number;
}

export interface UserpassIdentity {
  username: string;
  password: string;
  account?: string;
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");

function toInstance(config: RucioInstanceConfig): RucioInstance {
  return {
    name: config.name,
    url: trimSlash(config.url),
    authUrl: trimSlash(config.authUrl ?? config.url),
    vo: config.vo,
    timeoutMs: config.timeoutMs ?? env.RUCIO_TIMEOUT_MS,
    retries: env.RUCIO_RETRIES,
    retryBaseMs: env.RUCIO_RETRY_BASE_MS,
  };
}

export function listInstanceNames(): string[] {
  return env.instances.map((instance) => instance.name);
}

/** The first configured instance is the default one. */
export function defaultInstanceName(): string {
  const first = env.instances[0];
  if (!first) throw new Error("No Rucio instance is configured");
  return first.name;
}

function findConfig(name: string): RucioInstanceConfig {
  const config = env.instances.find((instance) => instance.name === name);
  if (!config) {
    throw new Error(`Unknown Rucio instance "${name}"; configured: ${listInstanceNames().join(", ")}`);
  }
  return config;
}

export function getInstance(name: string): RucioInstance {
  return toInstance(findConfig(name));
}

/**
 * The identity the portal itself uses on an instance: the instance's own username/password/account
 * from RUCIO_INSTANCES, else (for the default instance only) RUCIO_USERNAME/PASSWORD/ACCOUNT.
 * Other instances never receive the default instance's password.
 */
export function serviceIdentity(name: string): UserpassIdentity {
  const config = findConfig(name);
  if (config.username && config.password) {
    return { username: config.username, password: config.password, account: config.account };
  }
  if (name !== defaultInstanceName()) {
    throw new Error(`Rucio instance "${name}" has no service credentials (username/password in RUCIO_INSTANCES)`);
  }
  return { username: env.RUCIO_USERNAME, password: env.RUCIO_PASSWORD, account: env.RUCIO_ACCOUNT };
}
