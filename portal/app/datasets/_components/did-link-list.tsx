import Link from "next/link";
import type { DidLink } from "@/lib/api-responses";
import { BreakableName } from "../../_components/breakable-name";
import { datasetHref } from "../../_components/dataset-links";
import { TypeBadge } from "../../_components/type-badge";

/** DIDs of one Rucio instance as a list of links to their pages, each with its type. */
export function DidLinkList({
  dids,
  instance,
  defaultInstance,
}: {
  dids: DidLink[];
  instance: string;
  defaultInstance: string;
}) {
  return (
    <ul className="did-links">
      {dids.map((did) => (
        <li key={`${did.scope}:${did.name}`}>
          <TypeBadge type={did.type} />{" "}
          <Link href={datasetHref({ instance, ...did }, defaultInstance)}>
            <BreakableName name={`${did.scope}:${did.name}`} />
          </Link>
        </li>
      ))}
    </ul>
  );
}
