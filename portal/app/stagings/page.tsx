import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LabelledOptions } from "@/app/_components/labelled-options";
import { StagingHistory } from "@/app/_staging/staging-history";
import { STATE_LABELS } from "@/app/_staging/staging-client";
import styles from "@/app/_staging/staging.module.css";
import { currentSignIn } from "@/server/auth";
import { STAGING_STATES, type StagingState } from "@/lib/db/values";
import { listStagingRequests } from "@/server/staging";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My stagings" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** /stagings: the signed-in user's staging history (their own requests only), filterable by state and text. */
export default async function StagingsPage({ searchParams }: { searchParams: SearchParams }) {
  const signIn = await currentSignIn();
  if (!signIn) redirect("/signin?callbackUrl=%2Fstagings");
  const params = await searchParams;
  const rawState = first(params.state);
  const state = STAGING_STATES.find((candidate) => candidate === rawState) as StagingState | undefined;
  const q = first(params.q)?.slice(0, 200) || undefined;
  const initial = await listStagingRequests(signIn, { state, text: q, limit: 25 });
  return (
    <>
      <h1>My stagings</h1>
      <form method="get" className={styles.filters} role="search" aria-label="Filter stagings">
        <label>
          State
          <select name="state" defaultValue={state ?? ""}>
            <option value="">Any</option>
            <LabelledOptions values={STAGING_STATES} labels={STATE_LABELS} />
          </select>
        </label>
        <label>
          Dataset contains
          <input name="q" defaultValue={q ?? ""} placeholder="scope or name" />
        </label>
        <button type="submit" className={styles.secondary}>
          Filter
        </button>
      </form>
      <StagingHistory initial={initial} filter={{ state, q }} />
    </>
  );
}
