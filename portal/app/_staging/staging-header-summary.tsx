import { WatchesBadge } from "@/app/watches/_components/watches-badge";
import { currentSignIn } from "@/server/auth";
import { ActiveStagingsBadge } from "./active-stagings-badge";
import { SignOutButton } from "./sign-out-button";
import styles from "./staging.module.css";
import { withBasePath } from "@/lib/base-path";

/** The header's right-hand side: who is signed in, their running stagings and new watch matches, sign-in/out. */
export async function StagingHeaderSummary() {
  const signIn = await currentSignIn();
  if (!signIn) {
    return (
      <nav className={styles.summary} aria-label="Account">
        <a href={withBasePath("/signin")}>Sign in</a>
      </nav>
    );
  }
  return (
    <nav className={styles.summary} aria-label="Account">
      <ActiveStagingsBadge />
      <WatchesBadge />
      <span
        title={signIn.account ? `Rucio account ${signIn.account} on ${signIn.instance}` : "No Rucio account mapped"}
      >
        {signIn.userName}
      </span>
      <SignOutButton />
    </nav>
  );
}
