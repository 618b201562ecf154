"""Where a Rucio file is readable inside the Jupyter session.

Rule mode: the destination RSE is mounted (FUSE, EOS, ...) at a local path; a file's PFN on that RSE
maps to the mount path plus the part of the PFN path after its `begins_at`-th slash, the convention
SWAN and the older rucio-jupyterlab extension use. Download mode: the executor lays files out as
<folder>/<scope>/<dataset or container name>/<file name>.
"""

from __future__ import annotations

import os
import stat
from urllib.parse import urlparse


class UnsafePathError(ValueError):
    """A DID name that would leave the download folder (".." components, NUL bytes)."""


class MountMappingError(ValueError):
    """A PFN the configured mount mapping cannot place (e.g. path_begins_at beyond its components)."""


def pfn_to_local_path(pfn: str, mount_path: str, begins_at: int) -> str:
    """Maps a PFN of the mounted RSE to the local path where the mount shows it."""
    if begins_at < 0:
        raise ValueError("begins_at must not be negative")
    path = urlparse(pfn).path.strip("/")
    parts = path.split("/")
    if begins_at >= len(parts):
        raise MountMappingError(
            f"PFN {pfn!r} has fewer than {begins_at + 1} path components: check the RSE path_begins_at setting"
        )
    return os.path.join(mount_path, *parts[begins_at:])


def _relative_parts(name: str) -> list[str]:
    """Path components for a DID name; names like CMS's '/store/...' become nested folders."""
    if "\x00" in name:
        raise UnsafePathError(f"name {name!r} contains a NUL byte")
    parts = [part for part in name.split("/") if part]
    if not parts or any(part in (".", "..") for part in parts):
        raise UnsafePathError(f"name {name!r} cannot be used as a local path")
    return parts


def download_path(folder: str, scope: str, collection_name: str | None, file_name: str) -> str:
    """Final local path of one file: below its dataset or container, or <folder>/<scope>/<file> alone."""
    collection = _relative_parts(collection_name) if collection_name is not None else []
    return os.path.join(folder, *_relative_parts(scope), *collection, *_relative_parts(file_name))


def partial_dir(folder: str, job_id: str) -> str:
    """Where a job's downloads land before verification; same file system as the final paths."""
    return os.path.join(folder, ".rucio-catalog-partial", *_relative_parts(job_id))


def has_size(path: str, size: int) -> bool:
    """A regular file of exactly that size (how finished downloads are recognised without reading them)."""
    try:
        info = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size == size
