import Link from "next/link";

export default function DatasetNotFound() {
  return (
    <>
      <h1>Dataset not found</h1>
      <p>
        Neither the catalog nor Rucio knows this DID. Check the scope and name, or{" "}
        <Link href="/search">search the catalog</Link>.
      </p>
    </>
  );
}
