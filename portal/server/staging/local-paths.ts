import "server-only";
import type { StagedFile, StagedFiles } from "@/lib/api-responses";
import type { SignIn } from "@/server/auth";
import { listReplicas, listRseProtocols, RucioError, serviceCaller, type RucioCaller } from "@/server/rucio";
import { stagingConfig, type StagingConfig } from "./config";
import { StagingError } from "./errors";
import { localPathOf, mountFor } from "./mount-mapping";
import { ownRequest } from "./requests";
import { refusalOf } from "./rucio-refusals";

const MAX_FILES = 10_000;

/** Prefix of each protocol scheme of an RSE, read once per call. */
function protocolPrefixes(caller: RucioCaller) {
  const byRse = new Map<string, Promise<Map<string, string>>>();
  return (rse: string, scheme: string) => {
    let prefixes = byRse.get(rse);
    if (!prefixes) {
      prefixes = listRseProtocols(caller, rse).then(
        (protocols) => new Map(protocols.map((protocol) => [protocol.scheme, protocol.prefix])),
      );
      byRse.set(rse, prefixes);
    }
    return prefixes.then((map) => map.get(scheme));
  };
}

/**
 * The files of a DID that Rucio lists as AVAILABLE on an RSE expression, with their local paths in
 * the session (the mount mapping; null where no mapping covers the RSE). Read with the service identity.
 */
async function mountedFiles(
  where: { instance: string; scope: string; name: string; rseExpression: string },
  config: StagingConfig,
): Promise<StagedFiles> {
  const service = serviceCaller(where.instance);
  const prefixOf = protocolPrefixes(service);
  const files: StagedFile[] = [];
  try {
    for await (const replica of listReplicas(service, [{ scope: where.scope, name: where.name }], {
      rseExpression: where.rseExpression,
    })) {
      if (files.length === MAX_FILES) return { files, truncated: true };
      const entry = Object.entries(replica.pfns).find(
        ([, info]) => replica.states[info.rse] === undefined || replica.states[info.rse] === "AVAILABLE",
      );
      if (!entry) continue;
      const [pfn, info] = entry;
      const mount = mountFor(info.rse, config.mounts);
      const scheme = pfn.split(":", 1)[0] ?? "";
      const localPath = mount
        ? (localPathOf(pfn, mount, mount.pathBeginsAt === undefined ? await prefixOf(info.rse, scheme) : undefined) ??
          null)
        : null;
      files.push({ scope: replica.scope, name: replica.name, bytes: replica.bytes, rse: info.rse, pfn, localPath });
    }
  } catch (error) {
    if (error instanceof RucioError) throw refusalOf(error, "Rucio did not list the replicas");
    throw error;
  }
  return { files, truncated: false };
}

/**
 * The files of a rule-mode request that Rucio lists as available on its destination, with their local
 * paths in the session. Read on demand (not by the tracker): it lists every replica of the DID.
 */
export async function listStagedFiles(
  signIn: SignIn,
  id: string,
  config: StagingConfig = stagingConfig(),
): Promise<StagedFiles> {
  const request = await ownRequest(signIn, id);
  if (request.mode !== "RULE") {
    throw new StagingError(
      409,
      `Download mode writes into your session (${request.destination}); the Jupyter server knows those paths`,
    );
  }
  const { instance, scope, name, destination } = request;
  return mountedFiles({ instance, scope, name, rseExpression: destination }, config);
}

/**
 * A DID's files already on the RSE rule mode stages to, with their local paths: what Insert into
 * notebook gives at once when the data is there, with no staging request. Anyone who may read the
 * catalog may ask (replica locations are not private); the caller checks access.
 */
export function listMountedFiles(
  ref: { instance: string; scope: string; name: string },
  config: StagingConfig = stagingConfig(),
): Promise<StagedFiles> {
  return mountedFiles({ ...ref, rseExpression: config.rseExpression }, config);
}
