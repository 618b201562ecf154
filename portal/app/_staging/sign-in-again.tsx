"use client";
import { useEffect, useState } from "react";
import { signInAgainHref } from "./staging-client";
import styles from "./staging.module.css";

/** A link that signs in again and comes back to the page it is on (for an expired Rucio token). */
export function SignInAgainLink() {
  const [here, setHere] = useState("/");
  useEffect(() => setHere(`${window.location.pathname}${window.location.search}`), []);
  return (
    <a className={styles.secondary} href={signInAgainHref(here)}>
      Sign in again
    </a>
  );
}
