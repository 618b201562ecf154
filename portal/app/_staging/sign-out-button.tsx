"use client";
import { signOut } from "next-auth/react";
import styles from "./staging.module.css";
import { withBasePath } from "@/lib/base-path";
import { AuthClient } from "./auth-client";

/** Ends the sign-in: next-auth clears the cookie and the portal deletes the stored Rucio token. */
export function SignOutButton() {
  return (
    <AuthClient>
      <button
        type="button"
        className={styles.linkButton}
        onClick={() => void signOut({ callbackUrl: withBasePath("/") })}
      >
        Sign out
      </button>
    </AuthClient>
  );
}
