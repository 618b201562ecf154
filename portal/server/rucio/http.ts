import "server-only";
import { cachedUserpassToken, forgetUserpassToken, type RucioCredentials } from "./auth";
import { RucioAuthenticationError, RucioError, RucioInvalidInputError, RucioUnavailableError } from "./errors";
import {
  defaultInstanceName,
  getInstance,
  serviceIdentity,
  type RucioInstance,
  type UserpassIdentity,
} from "./instances";
import { parseRucioJson } from "./json";
import { parseNdjson } from "./ndjson";
import { readBodyText, send, type TransportResponse } from "./transport";
import type { DidRef } from "./types";

/** Who calls which instance. Every gateway function takes one. */
export interface RucioCaller {
  instance: string;
  credentials: RucioCredentials;
  /** Aborts the call (and any retry wait) when the caller no longer needs the answer. */
  signal?: AbortSignal;
}

/** The portal's own identity on an instance (indexer, background reads). */
export function serviceCaller(instance: string = defaultInstanceName(), signal?: AbortSignal): RucioCaller {
  return { instance, credentials: { type: "userpass", ...serviceIdentity(instance) }, signal };
}

export function userpassCaller(instance: string, identity: UserpassIdentity, signal?: AbortSignal): RucioCaller {
  return { instance, credentials: { type: "userpass", ...identity }, signal };
}

export function tokenCaller(
  instance: string,
  token: string,
  refresh?: () => Promise<string>,
  signal?: AbortSignal,
): RucioCaller {
  return { instance, credentials: { type: "token", token, refresh }, signal };
}

type QueryValue = string | number | boolean | undefined;

export interface RequestSpec {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path below the instance URL, segments already encoded (see `encodeSegment`). */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  accept: "application/json" | "application/x-json-stream" | "*/*";
  /** Defaults to true for GET. POSTs that only read (replica listing, bulk metadata) say so. */
  idempotent?: boolean;
}

/** Encodes one path segment; DID names may contain '/', which Rucio's routes take back apart. */
export const encodeSegment = (segment: string) => encodeURIComponent(segment);

/**
 * Whether a path, decoded once more as a proxy in front of Rucio might, holds a "." or ".." segment:
 * such a path would reach another endpoint than the one the gateway function names.
 */
function climbsOut(path: string): boolean {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return true;
  }
  return decoded.split("/").some((segment) => segment === "." || segment === "..");
}

function buildUrl(instance: RucioInstance, spec: RequestSpec): string {
  if (climbsOut(spec.path)) {
    throw new RucioInvalidInputError(`A scope or name may not be "." or ".." nor hold them between slashes`, {
      instance: instance.name,
      method: spec.method,
    });
  }
  const url = new URL(`${instance.url}${spec.path}`);
  for (const [key, value] of Object.entries(spec.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

interface Authorization {
  token: string;
  /** A second token to try once after a 401, or undefined when retrying cannot help. */
  renew?: () => Promise<string>;
}

async function authorize(caller: RucioCaller): Promise<Authorization> {
  const credentials = caller.credentials;
  if (credentials.type === "token") return { token: credentials.token, renew: credentials.refresh };
  const { token, fromCache } = await cachedUserpassToken(caller.instance, credentials, caller.signal);
  if (!fromCache) return { token: token.token };
  return {
    token: token.token,
    renew: async () => {
      forgetUserpassToken(caller.instance, credentials, token.token);
      return (await cachedUserpassToken(caller.instance, credentials, caller.signal)).token.token;
    },
  };
}

async function authorizedSend(caller: RucioCaller, spec: RequestSpec): Promise<TransportResponse & { url: string }> {
  const instance = getInstance(caller.instance);
  const url = buildUrl(instance, spec);
  const sendWith = (token: string) => {
    const headers: Record<string, string> = { Accept: spec.accept, "X-Rucio-Auth-Token": token };
    if (instance.vo) headers["X-Rucio-VO"] = instance.vo;
    const idempotent = spec.idempotent ?? spec.method === "GET";
    return send(instance, { method: spec.method, url, headers, body: spec.body, idempotent, signal: caller.signal });
  };
  const authorization = await authorize(caller);
  try {
    return { ...(await sendWith(authorization.token)), url };
  } catch (error) {
    const rejected = error instanceof RucioAuthenticationError && error.status === 401;
    if (!rejected || !authorization.renew) throw error;
    return { ...(await sendWith(await authorization.renew())), url };
  }
}

/** Sends a request and parses its JSON answer (Rucio dates become Date). */
export async function requestJson<T>(caller: RucioCaller, spec: RequestSpec): Promise<T> {
  const { response, timer, url } = await authorizedSend(caller, spec);
  let text: string;
  try {
    text = await readBodyText(response, timer);
  } catch (error) {
    throw interrupted(caller, spec, url, error);
  } finally {
    timer.stop();
  }
  try {
    return parseRucioJson(text) as T;
  } catch (error) {
    throw new RucioError(`Rucio answered ${spec.method} ${spec.path} with invalid JSON`, {
      instance: caller.instance,
      status: response.status,
      method: spec.method,
      url,
      cause: error,
    });
  }
}

/** Sends a request whose answer carries nothing the caller needs. */
export async function requestNoContent(caller: RucioCaller, spec: RequestSpec): Promise<void> {
  const { response, timer, url } = await authorizedSend(caller, spec);
  try {
    await readBodyText(response, timer);
  } catch (error) {
    throw interrupted(caller, spec, url, error);
  } finally {
    timer.stop();
  }
}

/**
 * Streams an `application/x-json-stream` answer record by record as it arrives. The idle timeout
 * applies between chunks, so a long listing that keeps flowing is never cut.
 */
export async function* requestStream<T>(caller: RucioCaller, spec: RequestSpec): AsyncGenerator<T> {
  const { response, timer, url } = await authorizedSend(caller, spec);
  const kicked = response.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        timer.kick();
        controller.enqueue(chunk);
      },
    }),
  );
  try {
    for await (const record of parseNdjson(kicked ?? null)) yield record as T;
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new RucioError(`Rucio streamed an invalid JSON line for ${spec.method} ${spec.path}`, {
        instance: caller.instance,
        status: response.status,
        method: spec.method,
        url,
        cause: error,
      });
    }
    throw interrupted(caller, spec, url, error);
  } finally {
    timer.stop();
  }
}

function interrupted(caller: RucioCaller, spec: RequestSpec, url: string, error: unknown): unknown {
  if (caller.signal?.aborted) return caller.signal.reason;
  const reason = error instanceof Error ? error.message : String(error);
  return new RucioUnavailableError(
    `Rucio instance "${caller.instance}" broke off the answer to ${spec.method} ${spec.path} (${url}): ${reason}`,
    { instance: caller.instance, method: spec.method, url, cause: error },
  );
}

/**
 * POST to one of Rucio's bulk reads, which take `dids` (sent as scope and name alone) beside the endpoint's
 * other `fields` and stream their answer. Only reads: retried like a GET.
 */
export function requestStreamForDids<T>(
  caller: RucioCaller,
  path: string,
  dids: DidRef[],
  fields: Record<string, unknown> = {},
): AsyncGenerator<T> {
  return requestStream<T>(caller, {
    method: "POST",
    path,
    body: { dids: dids.map(({ scope, name }) => ({ scope, name })), ...fields },
    accept: "application/x-json-stream",
    idempotent: true,
  });
}

/** Collects a stream into an array, for answers known to be small. */
export async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}
