import "server-only";
import type { InstanceOverview } from "@/lib/api-responses";
import { listInstanceNames, listScopes, RucioError, serviceCaller } from "./rucio";

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
