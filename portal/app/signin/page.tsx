import type { Metadata } from "next";
import { SignInForm } from "@/app/_staging/sign-in-form";
import { oidcConfig, safeCallbackPath } from "@/server/auth";
import { listInstanceNames } from "@/server/rucio";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// next-auth's error codes, in words; anything else is a message of ours (e.g. Rucio's refusal).
const ERROR_TEXT: Record<string, string> = {
  OAuthCallback: "Signing in with the identity provider did not complete. Try again.",
  OAuthSignin: "The identity provider could not be reached. Try again later.",
  CredentialsSignin: "Rucio did not accept these credentials.",
  SessionRequired: "Sign in to continue.",
  Configuration: "Sign-in is not configured correctly on this portal.",
  TokenExpired: "Your Rucio sign-in has expired. Sign in again to go on: you will come back to the page you were on.",
  EmbedSignIn:
    "JupyterLab's sign-in link was already used or has expired. Reopen the Rucio Catalog panel, or sign in here.",
};

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const error = first(params.error);
  const oidc = oidcConfig();
  return (
    <>
      <h1>Sign in</h1>
      <p>Sign in with your Rucio account to stage datasets into your sessions and to see your staging history.</p>
      <SignInForm
        instances={listInstanceNames()}
        callbackUrl={safeCallbackPath(first(params.callbackUrl))}
        oidcName={oidc?.displayName ?? null}
        initialError={error ? (ERROR_TEXT[error] ?? error) : null}
      />
    </>
  );
}
