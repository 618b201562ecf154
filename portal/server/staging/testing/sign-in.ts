import { findSignIn, startRucioTokenSignIn, type SignIn } from "@/server/auth/sign-ins";
import { authenticateUserpass, defaultInstanceName } from "@/server/rucio";

/** A userpass sign-in of a demo account, made the way the credentials provider makes it. */
export async function signInAs(username: string, password = `${username}-secret`): Promise<SignIn> {
  const instance = defaultInstanceName();
  const started = await startRucioTokenSignIn(instance, await authenticateUserpass(instance, { username, password }));
  const signIn = await findSignIn(started.credentialId, started.userId);
  if (!signIn) throw new Error(`the sign-in of ${username} was not recorded`);
  return signIn;
}
