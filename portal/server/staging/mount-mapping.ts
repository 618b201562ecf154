/**
 * Where a file an RSE holds appears in a session's file system. Pure functions (no server-only) so
 * that tests and the browser can use them.
 *
 * A mapping names the RSE and the local folder it is mounted at. Which part of a PFN's path lies
 * below that folder is given either by `pathBeginsAt` (the number of leading path components to drop,
 * as SWAN's SWAN_RUCIO_RSE_PATH_BEGINS_AT and rucio-jupyterlab's path_begins_at count them) or, when
 * absent, by the RSE protocol's prefix (everything after the prefix).
 */
export interface MountMapping {
  rse: string;
  /** Absolute local folder the RSE is mounted at. */
  path: string;
  pathBeginsAt?: number;
}

function pathComponents(path: string): string[] {
  return path.split("/").filter((component) => component !== "" && component !== ".");
}

/** The path part of a PFN (`scheme://host:port/path`, or a bare absolute path). */
export function pfnPath(pfn: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(pfn);
  if (match) return match[1] ?? "/";
  return pfn.startsWith("/") ? pfn : undefined;
}

const joinLocal = (folder: string, components: string[]) => `${folder.replace(/\/+$/, "")}/${components.join("/")}`;

/**
 * The local path of `pfn` under `mount`, or undefined when the PFN does not lie under the mapping
 * (or would climb out of the mount folder with `..`).
 */
export function localPathOf(pfn: string, mount: MountMapping, protocolPrefix?: string): string | undefined {
  const path = pfnPath(pfn);
  if (path === undefined) return undefined;
  const components = pathComponents(path);
  let below: string[];
  if (mount.pathBeginsAt !== undefined) {
    if (components.length <= mount.pathBeginsAt) return undefined;
    below = components.slice(mount.pathBeginsAt);
  } else {
    if (protocolPrefix === undefined) return undefined;
    const prefix = pathComponents(protocolPrefix);
    if (components.length <= prefix.length || prefix.some((component, index) => components[index] !== component))
      return undefined;
    below = components.slice(prefix.length);
  }
  if (below.includes("..")) return undefined;
  return joinLocal(mount.path, below);
}

export function mountFor(rse: string, mounts: MountMapping[]): MountMapping | undefined {
  return mounts.find((mount) => mount.rse === rse);
}
