"""What a DID holds, as the paths, state and download code need it."""

from __future__ import annotations

from dataclasses import dataclass

from .paths import download_path, pfn_to_local_path

# lfns2pfns is a GET with every LFN in the query string; keep URLs well below server limits.
_LFNS_PER_REQUEST = 50


@dataclass(frozen=True)
class RucioFile:
    scope: str
    name: str
    bytes: int
    adler32: str | None
    md5: str | None


def did_type(client, scope: str, name: str) -> str:  # noqa: ANN001 - rucio Client
    return str(client.get_did(scope, name)["type"]).upper()


def list_did_files(client, scope: str, name: str) -> list[RucioFile]:  # noqa: ANN001 - rucio Client
    """The files of a dataset or container (recursively), or the file itself; raises Rucio's errors."""
    files = []
    for entry in client.list_files(scope, name):
        md5 = entry.get("md5")
        if not entry.get("adler32") and not md5:
            md5 = client.get_metadata(entry["scope"], entry["name"]).get("md5")
        files.append(
            RucioFile(
                scope=entry["scope"],
                name=entry["name"],
                bytes=int(entry.get("bytes") or 0),
                adler32=entry.get("adler32"),
                md5=md5,
            )
        )
    files.sort(key=lambda f: (f.scope, f.name))
    return files


def download_layout(folder: str, scope: str, name: str, kind: str, files: list[RucioFile]) -> list[str]:
    collection = None if kind == "FILE" else name
    return [download_path(folder, scope, collection, f.name) for f in files]


def mounted_paths(
    client,
    rse: str,
    files: list[RucioFile],
    mount_path: str,
    begins_at: int,  # noqa: ANN001 - rucio Client
) -> list[str]:
    """Local paths of the files on the mounted RSE, whether or not the replicas exist yet.

    lfns2pfns computes the PFN the RSE's naming convention gives each file, so paths can go into a
    notebook before the rule has finished.
    """
    lfns = [f"{f.scope}:{f.name}" for f in files]
    pfns: dict[str, str] = {}
    for start in range(0, len(lfns), _LFNS_PER_REQUEST):
        pfns.update(client.lfns2pfns(rse, lfns[start : start + _LFNS_PER_REQUEST], operation="read"))
    return [pfn_to_local_path(pfns[lfn], mount_path, begins_at) for lfn in lfns]
