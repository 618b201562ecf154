import "server-only";
import { listInstanceNames, listScopes, RucioError, serviceCaller } from "./rucio";

export interface InstanceOverview {
  name: string;
  scopes: string[];
  /** Why the instance could not be read, in words a user can act on. */
  error?: string;
}

/** Every configured Rucio instance with its scopes, read with the portal's service identity. */
export async function describeInstances(): Promise<InstanceOverview[]> {
  return Promise.all(
    listInstanceNames().map(async (name) => {
      try {
        const scopes = await listScopes(serviceCaller(name));
        return { name, scopes: scopes.sort() };
      } catch (error) {
        if (error instanceof RucioError) return { name, scopes: [], error: error.message };
        throw error;
      }
    }),
  );
}
