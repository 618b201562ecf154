"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api-client";
import type { DatasetDetailsResponse } from "@/lib/api-responses";
import { datasetApiPath, type DidLocation } from "../../_components/dataset-links";
import { formatBytes, formatCount } from "../../_components/format";
import { ContentsSection } from "./contents-section";
import { DidLinkList } from "./did-link-list";
import { FilesSection } from "./files-section";
import { LiveError } from "./live-error";
import { ReplicasSection, RulesSection } from "./storage-sections";

/** Everything on the dataset page that Rucio reports live, each part loading (and failing) on its own. */
export function DatasetLive({ dataset, defaultInstance }: { dataset: DidLocation; defaultInstance: string }) {
  const details = useQuery({
    queryKey: ["dataset", dataset.instance, dataset.scope, dataset.name],
    queryFn: ({ signal }) => fetchJson<DatasetDetailsResponse>(datasetApiPath(dataset), { signal }),
  });
  const live = details.data?.live ?? null;
  const type = live?.type ?? details.data?.catalog?.type ?? null;

  return (
    <>
      <section aria-labelledby="live-heading" className="panel">
        <h2 id="live-heading">In Rucio now</h2>
        {details.isPending && <p className="loading">Asking Rucio…</p>}
        {details.error && <LiveError error={details.error} what="the DID" detailed />}
        {details.data?.liveError && (
          <p role="status" className="warning">
            {details.data.liveError}
          </p>
        )}
        {live && (
          <>
            <dl className="meta-grid">
              <div>
                <dt>Type</dt>
                <dd>{live.type.toLowerCase()}</dd>
              </div>
              <div>
                <dt>Files</dt>
                <dd>{formatCount(live.files)}</dd>
              </div>
              <div>
                <dt>Size</dt>
                <dd>{formatBytes(live.bytes)}</dd>
              </div>
              <div>
                <dt>Owner</dt>
                <dd>{live.account}</dd>
              </div>
              {live.open !== null && (
                <div>
                  <dt>State</dt>
                  <dd>{live.open ? "open (content may still be added)" : "closed"}</dd>
                </div>
              )}
            </dl>
            <h3>Parents</h3>
            {live.parents.length === 0 ? (
              <p className="muted">Not attached to any collection.</p>
            ) : (
              <DidLinkList dids={live.parents} instance={dataset.instance} defaultInstance={defaultInstance} />
            )}
          </>
        )}
      </section>
      {type === "CONTAINER" && <ContentsSection dataset={dataset} defaultInstance={defaultInstance} />}
      <FilesSection dataset={dataset} totalFiles={live?.files ?? null} totalBytes={live?.bytes ?? null} />
      <ReplicasSection dataset={dataset} />
      <RulesSection dataset={dataset} />
    </>
  );
}
