import { findSignIn, startRucioTokenSignIn, type SignIn } from "../portal/server/auth/sign-ins";
import { authenticateUserpass, defaultInstanceName } from "../portal/server/rucio";

/**
 * A userpass sign-in of a demo account, recorded in the database the way the credentials provider
 * records it, without a portal running. Import it after DATABASE_URL is set (useScratchDatabase).
 */
export async function signInAs(username: string, password = `${username}-secret`): Promise<SignIn> {
  const instance = defaultInstanceName();
  const started = await startRucioTokenSignIn(instance, await authenticateUserpass(instance, { username, password }));
  const signIn = await findSignIn(started.credentialId, started.userId);
  if (!signIn) throw new Error(`the sign-in of ${username} was not recorded`);
  return signIn;
}
