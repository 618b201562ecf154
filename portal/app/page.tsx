import { requireCatalogReader } from "@/app/_auth/require-catalog-reader";
import { describeInstances } from "@/server/instances-overview";

export const dynamic = "force-dynamic";

export default async function HomePage({ searchParams }: PageProps<"/">) {
  // The query matters even here: JupyterLab's panel opens pages with ?theme=…
  await requireCatalogReader("/", await searchParams);
  const instances = await describeInstances();
  return (
    <>
      <h1>Rucio Catalog</h1>
      <p className="muted">Find experiment datasets and bring them into your notebooks.</p>
      {instances.map((instance) => (
        <section key={instance.name} aria-labelledby={`instance-${instance.name}`}>
          <h2 id={`instance-${instance.name}`}>Instance {instance.name}</h2>
          {instance.error ? (
            <p role="alert" className="error">
              {instance.error}
            </p>
          ) : (
            <ul className="scope-list" aria-label={`Scopes of ${instance.name}`}>
              {instance.scopes.map((scope) => (
                <li key={scope}>{scope}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}
