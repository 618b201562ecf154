"use client";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import styles from "./staging.module.css";
import { withBasePath } from "@/lib/base-path";
import { AuthClient } from "./auth-client";

export interface SignInFormProps {
  instances: string[];
  /** A path of this portal to return to. */
  callbackUrl: string;
  /** Display name of the OIDC provider, when one is configured. */
  oidcName: string | null;
  initialError: string | null;
}

/** Rucio username and password (checked by Rucio itself), or the configured identity provider. */
export function SignInForm({ instances, callbackUrl, oidcName, initialError }: SignInFormProps) {
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signIn("rucio-userpass", {
      redirect: false,
      callbackUrl: withBasePath(callbackUrl),
      instance: String(form.get("instance") ?? instances[0] ?? ""),
      username: String(form.get("username") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    if (result?.ok && !result.error) {
      // A full load, so that server components (header, pages) render for the signed-in user.
      window.location.assign(withBasePath(callbackUrl));
      return;
    }
    setBusy(false);
    setError(
      result?.error === "CredentialsSignin"
        ? "Rucio did not accept these credentials."
        : (result?.error ?? "Sign-in failed"),
    );
  }

  return (
    <AuthClient>
      <form className={styles.form} onSubmit={submit} aria-label="Sign in with a Rucio account">
        {instances.length > 1 ? (
          <label>
            Rucio instance
            <select name="instance" defaultValue={instances[0]}>
              {instances.map((instance) => (
                <option key={instance}>{instance}</option>
              ))}
            </select>
          </label>
        ) : (
          <input type="hidden" name="instance" value={instances[0] ?? ""} />
        )}
        <label>
          Username
          <input name="username" autoComplete="username" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p role="alert" className={styles.error}>
            {error}
          </p>
        )}
        <div>
          <button type="submit" className={styles.button} disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </div>
      </form>
      {oidcName && (
        <p>
          or{" "}
          <button
            type="button"
            className={styles.secondary}
            onClick={() => void signIn("oidc", { callbackUrl: withBasePath(callbackUrl) })}
          >
            Sign in with {oidcName}
          </button>
        </p>
      )}
    </AuthClient>
  );
}
