"use client";

import Link from "next/link";
import { useRef, type KeyboardEvent, type ReactNode } from "react";
import type { DatasetChild, DidLink } from "@/lib/api-responses";
import { BreakableName } from "../../_components/breakable-name";
import { datasetHref, type DidLocation } from "../../_components/dataset-links";
import { formatCount } from "../../_components/format";
import { TypeBadge } from "../../_components/type-badge";
import { CONTENTS_PAGE } from "./contents-section";
import { nextNode } from "./hierarchy-keys";
import { useLivePages } from "./use-live-pages";
import styles from "./hierarchy-graph.module.css";

/** Children drawn as nodes; the rest are one node leading to the Contents section. */
const MAX_CHILD_NODES = 12;

interface GraphNode {
  key: string;
  href: string;
  content: ReactNode;
  current?: boolean;
}

interface Tier {
  label: string;
  nodes: GraphNode[];
  /** Said in place of nodes when the tier has none. */
  empty: string;
}

interface HierarchyProps {
  dataset: DidLocation & { type: DidLink["type"] };
  defaultInstance: string;
  parents: DidLink[];
  /** Files below the DID, for a dataset's child tier. */
  files: number | null;
}

function didNode(did: DidLocation & { type: DidLink["type"] }, defaultInstance: string): GraphNode {
  return {
    key: `${did.scope}:${did.name}`,
    href: datasetHref(did, defaultInstance),
    content: (
      <>
        <TypeBadge type={did.type} /> <BreakableName name={`${did.scope}:${did.name}`} />
      </>
    ),
  };
}

/** The DID's place among its parents and children; a container's children are read like its Contents section. */
export function DatasetHierarchy(props: HierarchyProps) {
  return props.dataset.type === "CONTAINER" ? (
    <ContainerHierarchy {...props} />
  ) : (
    <Hierarchy {...props} contents={null} />
  );
}

function ContainerHierarchy(props: HierarchyProps) {
  const { pages, items } = useLivePages<DatasetChild>(props.dataset, "contents", CONTENTS_PAGE);
  if (pages.isPending || pages.error) return <Hierarchy {...props} contents={null} />;
  return <Hierarchy {...props} contents={{ items, more: pages.hasNextPage }} />;
}

function Hierarchy({
  dataset,
  defaultInstance,
  parents,
  files,
  contents,
}: HierarchyProps & { contents: { items: DatasetChild[]; more: boolean } | null }) {
  const { instance } = dataset;
  const self: GraphNode = { ...didNode(dataset, defaultInstance), current: true };
  let childNodes: GraphNode[] = [];
  if (dataset.type === "CONTAINER" && contents) {
    childNodes = contents.items
      .slice(0, MAX_CHILD_NODES)
      .map((child) => didNode({ instance, ...child }, defaultInstance));
    const hidden = contents.items.length - childNodes.length;
    if (hidden > 0 || contents.more) {
      childNodes.push({
        key: "more",
        href: "#contents-heading",
        content: contents.more ? "More in Contents" : `${formatCount(hidden)} more in Contents`,
      });
    }
  } else if (dataset.type === "DATASET" && files !== null) {
    childNodes = [{ key: "files", href: "#files-heading", content: `${formatCount(files)} files` }];
  }
  const tiers: Tier[] = [
    {
      label: "Parents",
      nodes: parents.map((parent) => didNode({ instance, ...parent }, defaultInstance)),
      empty: "Not attached to any collection",
    },
    { label: "This DID", nodes: [self], empty: "" },
    {
      label: dataset.type === "CONTAINER" ? "Children" : "Files",
      nodes: childNodes,
      empty: dataset.type === "CONTAINER" && !contents ? "Listing children…" : "None",
    },
  ];
  return <HierarchyGraph tiers={tiers} />;
}

function HierarchyGraph({ tiers }: { tiers: Tier[] }) {
  const graph = useRef<HTMLElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    const tier = Number(target.dataset.tier);
    const index = Number(target.dataset.index);
    if (!target.matches("a[data-tier]") || event.altKey || event.ctrlKey || event.metaKey) return;
    const next = nextNode(
      { tier, index },
      event.key,
      tiers.map((t) => t.nodes.length),
    );
    if (!next) return;
    event.preventDefault();
    graph.current?.querySelector<HTMLElement>(`a[data-tier="${next.tier}"][data-index="${next.index}"]`)?.focus();
  };
  return (
    <nav
      ref={graph}
      className={styles.graph}
      aria-labelledby="hierarchy-heading"
      aria-describedby="hierarchy-keys"
      onKeyDown={onKeyDown}
    >
      <h3 id="hierarchy-heading">Place in the hierarchy</h3>
      <p id="hierarchy-keys" className="muted small">
        Each box is a link. Arrow keys move up to the parents, down to the children and along a row.
      </p>
      {tiers.map((tier, tierIndex) => (
        <div key={tier.label} className={styles.tier} data-tier-name={tier.label}>
          <span className={styles.tierLabel} id={`hierarchy-tier-${tierIndex}`}>
            {tier.label}
          </span>
          {tier.nodes.length === 0 ? (
            <p className={styles.empty}>{tier.empty}</p>
          ) : (
            <ul className={styles.nodes} aria-labelledby={`hierarchy-tier-${tierIndex}`}>
              {tier.nodes.map((node, index) => (
                <li key={node.key} className={styles.node}>
                  <Link
                    href={node.href}
                    className={node.current ? `${styles.link} ${styles.current}` : styles.link}
                    aria-current={node.current ? "page" : undefined}
                    data-tier={tierIndex}
                    data-index={index}
                  >
                    {node.content}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </nav>
  );
}
