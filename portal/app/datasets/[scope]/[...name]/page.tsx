import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireCatalogReader } from "@/app/_auth/require-catalog-reader";
import { getCatalogDataset, getLiveDataset, type DatasetRef } from "@/server/catalog/dataset-details";
import { defaultInstanceName, listInstanceNames, RucioError } from "@/server/rucio";
import { jupyterLabLinkTemplate } from "@/server/share-settings";
import { didFromPageParams } from "../../../_components/dataset-links";
import { CatalogMetadata } from "../../_components/catalog-metadata";
import { DatasetActions } from "../../_components/dataset-actions";
import { DatasetLive } from "../../_components/dataset-live";
import { BreakableName } from "../../../_components/breakable-name";
import { StageButton } from "../../../_staging/stage-button";
import { StagingPlanSection } from "../../../_staging/staging-plan-section";

export const dynamic = "force-dynamic";

type Props = PageProps<"/datasets/[scope]/[...name]">;

async function resolveRef({ params, searchParams }: Props): Promise<DatasetRef | null> {
  const { scope, name } = await params;
  const did = didFromPageParams(scope, name);
  const instanceParam = (await searchParams).instance;
  const instance = typeof instanceParam === "string" ? instanceParam : defaultInstanceName();
  if (!did || !listInstanceNames().includes(instance)) return null;
  return { instance, ...did };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const ref = await resolveRef(props);
  return { title: ref ? `${ref.scope}:${ref.name}` : "Dataset not found" };
}

/**
 * A dataset or container page: the catalog's metadata rendered here, the live Rucio state (files,
 * replicas, rules, parents, contents) loaded by the client so that a slow or unreachable Rucio never
 * holds the page back.
 */
export default async function DatasetPage(props: Props) {
  const { scope, name } = await props.params;
  await requireCatalogReader(`/datasets/${scope}/${name.join("/")}`, await props.searchParams);
  const ref = await resolveRef(props);
  if (!ref) notFound();
  const catalog = await getCatalogDataset(ref);
  if (!catalog) {
    // Not indexed (yet): a 404 only when Rucio confirms it does not exist; if Rucio cannot be asked,
    // the page renders and its live sections say why they are empty.
    try {
      await getLiveDataset(ref);
    } catch (error) {
      if (error instanceof RucioError && error.kind === "not_found") notFound();
      if (!(error instanceof RucioError)) throw error;
    }
  }
  const type = catalog?.type ?? null;
  return (
    <article className="dataset-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/search">Search</Link>
        <span aria-hidden="true"> › </span>
        <Link href={`/search?q=${encodeURIComponent(`scope:${ref.scope}`)}`}>{ref.scope}</Link>
      </nav>
      <header className="dataset-header">
        <p className="muted dataset-kind">
          {type ? type.toLowerCase() : "DID"} in scope <strong>{ref.scope}</strong>
          {ref.instance !== defaultInstanceName() && (
            <>
              {" "}
              on instance <strong>{ref.instance}</strong>
            </>
          )}
        </p>
        <h1 className="did-title">
          <BreakableName name={ref.name} />
        </h1>
        <DatasetActions
          dataset={{ ...ref, type }}
          stage={
            <StageButton
              instance={ref.instance}
              scope={ref.scope}
              name={ref.name}
              bytes={catalog?.bytes ?? null}
              files={catalog?.files ?? null}
            />
          }
          defaultInstance={defaultInstanceName()}
          jupyterLabTemplate={jupyterLabLinkTemplate()}
        />
      </header>
      <CatalogMetadata catalog={catalog} />
      <StagingPlanSection instance={ref.instance} scope={ref.scope} name={ref.name} />
      <DatasetLive dataset={ref} defaultInstance={defaultInstanceName()} />
    </article>
  );
}
