import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { formatDate } from "@/app/_components/format";
import { LiveStagingProgress } from "@/app/_staging/live-staging-progress";
import { StagedFilesPanel } from "@/app/_staging/staged-files-panel";
import { datasetHref } from "@/app/_staging/staging-client";
import styles from "@/app/_staging/staging.module.css";
import { currentSignIn } from "@/server/auth";
import { getStagingRequest, StagingError } from "@/server/staging";
import { withBasePath } from "@/lib/base-path";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Staging request" };

/** /stagings/{id}: one of the user's requests (anyone else's is a 404), its events and staged files. */
export default async function StagingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const signIn = await currentSignIn();
  if (!signIn) redirect(`/signin?callbackUrl=${encodeURIComponent(`/stagings/${id}`)}`);
  const found = await getStagingRequest(signIn, id).catch((error: unknown) => {
    if (error instanceof StagingError && error.status === 404) notFound();
    throw error;
  });
  const { staging, events, progress } = found;
  return (
    <>
      <p>
        <a href={withBasePath("/stagings")}>← My stagings</a>
      </p>
      <h1 className={styles.did}>
        {staging.scope}:{staging.name}
      </h1>
      <dl className={styles.facts}>
        <dt>Dataset</dt>
        <dd>
          <a href={withBasePath(datasetHref(staging.scope, staging.name))}>catalog page</a>
        </dd>
        <dt>Mode</dt>
        <dd>
          {staging.mode === "RULE" ? `Rucio rule to ${staging.destination}` : `Download into ${staging.destination}`}
        </dd>
        {staging.ruleId && (
          <>
            <dt>Rule</dt>
            <dd>
              {staging.ruleId} (account {staging.account})
            </dd>
          </>
        )}
        <dt>Requested</dt>
        <dd>{formatDate(staging.createdAt)}</dd>
        {staging.finishedAt && (
          <>
            <dt>Finished</dt>
            <dd>{formatDate(staging.finishedAt)}</dd>
          </>
        )}
      </dl>
      <LiveStagingProgress staging={staging} progress={progress} />
      {staging.mode === "RULE" && (
        <section aria-labelledby="files-title">
          <h2 id="files-title">Files</h2>
          <StagedFilesPanel stagingId={staging.id} />
        </section>
      )}
      <section aria-labelledby="events-title">
        <h2 id="events-title">What happened</h2>
        <ol className={styles.events}>
          {events.map((event, index) => (
            <li key={index}>
              {formatDate(event.at)} — {event.message ?? event.kind}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
