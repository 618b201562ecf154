"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api-client";
import type { DatasetDetailsResponse } from "@/lib/api-responses";
import { datasetApiPath, type DidLocation } from "../../_components/dataset-links";
import { formatBytes, formatCount } from "../../_components/format";
import { ContentsSection } from "./contents-section";
import { FilesSection } from "./files-section";
import { DatasetHierarchy } from "./hierarchy-graph";
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
            <DatasetHierarchy
              dataset={{ ...dataset, type: live.type }}
              defaultInstance={defaultInstance}
              parents={live.parents}
              files={live.files}
            />
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
