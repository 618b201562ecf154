import "server-only";
import { rucioTokenOf, SignInUnusableError, type SignIn } from "@/server/auth";
import { serviceCaller, tokenCaller, type RucioCaller } from "@/server/rucio";
import { StagingError } from "./errors";

/** Who a staging acts as on Rucio. */
export interface ActingIdentity {
  caller: RucioCaller;
  /** The Rucio account rules are created for and owned by. */
  account: string;
  /** true for OIDC users: the portal's service identity acts for the mapped account. */
  viaService: boolean;
}

/**
 * Userpass sign-ins act with the user's own Rucio token. OIDC sign-ins act through the portal's service
 * identity for the account configuration maps them to (a Rucio without OIDC cannot take the identity
 * provider's token); unmapped OIDC users cannot stage.
 */
export async function actingIdentity(signIn: SignIn, instance: string): Promise<ActingIdentity> {
  if (signIn.instance !== instance) {
    throw new StagingError(
      403,
      `You are signed in to Rucio instance "${signIn.instance}"; sign in to "${instance}" to stage from it`,
    );
  }
  if (!signIn.account) {
    throw new StagingError(
      403,
      `Your single sign-on identity is not mapped to a Rucio account on instance "${instance}", so the portal cannot stage for you. ` +
        "Ask the portal's administrators to map it (OIDC_RUCIO_ACCOUNTS), or sign in with your Rucio username and password.",
    );
  }
  if (signIn.kind === "OIDC") return { caller: serviceCaller(instance), account: signIn.account, viaService: true };
  try {
    return { caller: tokenCaller(instance, await rucioTokenOf(signIn)), account: signIn.account, viaService: false };
  } catch (error) {
    if (error instanceof SignInUnusableError) throw new StagingError(401, error.message);
    throw error;
  }
}
