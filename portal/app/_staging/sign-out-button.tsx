"use client";
import { signOut } from "next-auth/react";
import styles from "./staging.module.css";

/** Ends the sign-in: next-auth clears the cookie and the portal deletes the stored Rucio token. */
export function SignOutButton() {
  return (
    <button type="button" className={styles.linkButton} onClick={() => void signOut({ callbackUrl: "/" })}>
      Sign out
    </button>
  );
}
