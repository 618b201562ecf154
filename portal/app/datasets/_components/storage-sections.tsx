"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api-client";
import type { DatasetReplicasResponse, DatasetRulesResponse } from "@/lib/api-responses";
import { ColumnHeadings } from "../../_components/column-headings";
import { datasetApiPath, type DidLocation } from "../../_components/dataset-links";
import { formatBytes, formatCount, formatDate } from "../../_components/format";
import { LiveError } from "./live-error";

const stateList = (byState: Record<string, number>) =>
  Object.entries(byState)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([state, count]) => `${formatCount(count)} ${state.toLowerCase()}`)
    .join(", ");

const atLeast = (complete: boolean) => (complete ? "" : "≥ ");
const LOCKS = "Locks OK / replicating / stuck";

/** Where the DID's files have replicas, per RSE. */
export function ReplicasSection({ dataset }: { dataset: DidLocation }) {
  const replicas = useQuery({
    queryKey: ["dataset-replicas", dataset.instance, dataset.scope, dataset.name],
    queryFn: ({ signal }) => fetchJson<DatasetReplicasResponse>(datasetApiPath(dataset, "/replicas"), { signal }),
  });
  const data = replicas.data;
  return (
    <section aria-labelledby="replicas-heading" className="panel">
      <h2 id="replicas-heading">Replicas</h2>
      {replicas.isPending && <p className="loading">Locating replicas…</p>}
      {replicas.error && <LiveError error={replicas.error} what="the replicas" />}
      {data && data.rses.length === 0 && <p className="muted">No replicas of these files are registered.</p>}
      {data && !data.complete && (
        <p className="muted">
          Counted over the first {formatCount(data.files)} files; the DID has more, so every figure is a lower bound
          (≥).
        </p>
      )}
      {data && data.rses.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Replicas per storage element (RSE)</caption>
            <ColumnHeadings
              columns={["RSE", "Files available", "Bytes available", "By state"]}
              numeric={["Files available", "Bytes available"]}
            />
            <tbody>
              {data.rses.map((rse) => (
                <tr key={rse.rse}>
                  <th scope="row">{rse.rse}</th>
                  <td className="numeric">
                    {atLeast(data.complete)}
                    {formatCount(rse.filesByState.AVAILABLE ?? 0)} of {atLeast(data.complete)}
                    {formatCount(data.files)}
                  </td>
                  <td className="numeric">
                    {atLeast(data.complete)}
                    {formatBytes(rse.availableBytes)}
                  </td>
                  <td>{stateList(rse.filesByState)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The replication rules placed on the DID. */
export function RulesSection({ dataset }: { dataset: DidLocation }) {
  const rules = useQuery({
    queryKey: ["dataset-rules", dataset.instance, dataset.scope, dataset.name],
    queryFn: ({ signal }) => fetchJson<DatasetRulesResponse>(datasetApiPath(dataset, "/rules"), { signal }),
  });
  const list = rules.data?.rules;
  return (
    <section aria-labelledby="rules-heading" className="panel">
      <h2 id="rules-heading">Rules</h2>
      {rules.isPending && <p className="loading">Reading rules…</p>}
      {rules.error && <LiveError error={rules.error} what="the rules" />}
      {list && list.length === 0 && <p className="muted">No replication rules on this DID itself.</p>}
      {list && list.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Replication rules</caption>
            <ColumnHeadings
              columns={["RSE expression", "State", LOCKS, "Account", "Created", "Expires"]}
              numeric={[LOCKS]}
            />
            <tbody>
              {list.map((rule) => (
                <tr key={rule.id}>
                  <td>
                    <code>{rule.rseExpression}</code>
                    {rule.copies > 1 ? ` × ${rule.copies}` : ""}
                  </td>
                  <td>
                    <span className={`state state-${rule.state.toLowerCase()}`}>{rule.state}</span>
                    {rule.error && <span className="muted small"> {rule.error}</span>}
                  </td>
                  <td className="numeric">
                    {rule.locks.ok} / {rule.locks.replicating} / {rule.locks.stuck}
                  </td>
                  <td>{rule.account}</td>
                  <td>{formatDate(rule.createdAt)}</td>
                  <td>{rule.expiresAt ? formatDate(rule.expiresAt) : "never"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
