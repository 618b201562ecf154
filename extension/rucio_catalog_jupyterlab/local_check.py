"""What the download folder already holds of a DID, so the panel inserts at once and stages only the rest.

A file counts as present when its final path (the executor's layout) is a regular file of Rucio's
size. The executor only ever renames a verified file to that path, but a file can also be copied
there by hand, so when the files present are small enough in total their adler32 (or md5) is checked
against Rucio's too; a file that differs counts as missing, and the next download replaces it.
"""

from __future__ import annotations

import os

from .checksums import ChecksumMismatch, verify_file
from .paths import has_size
from .rucio_files import RucioFile, did_type, download_layout, list_did_files

# Reading this much to check checksums takes well under a second on a local disk.
CHECKSUM_BUDGET_BYTES = 64 * 1024 * 1024


def _matches(path: str, file: RucioFile) -> bool:
    try:
        verify_file(path, file.adler32, file.md5)
    except (ChecksumMismatch, OSError):
        return False
    except ValueError:  # Rucio records no checksum: the size is all there is to compare
        return True
    return True


def folder_contents(
    files: list[RucioFile], paths: list[str], budget: int = CHECKSUM_BUDGET_BYTES
) -> dict[str, object]:
    """complete / partial / missing, with counts, for files laid out at paths."""
    present = [(f, path) for f, path in zip(files, paths, strict=True) if has_size(path, f.bytes)]
    checked = "checksum" if sum(f.bytes for f, _ in present) <= budget else "size"
    if checked == "checksum":
        present = [(f, path) for f, path in present if _matches(path, f)]
    files_present = len(present)
    state = "missing" if files_present == 0 else "complete" if files_present == len(files) else "partial"
    return {
        "state": state,
        "filesTotal": len(files),
        "filesPresent": files_present,
        "bytesTotal": sum(f.bytes for f in files),
        "bytesPresent": sum(f.bytes for f, _ in present),
        "checked": checked,
        "localPaths": [path for _, path in present] if state == "complete" else [],
    }


def check_download_folder(client, scope: str, name: str, folder: str, root_dir: str) -> dict[str, object]:  # noqa: ANN001
    """The download folder's contents for one DID, its folder named relative to the server's root."""
    kind = did_type(client, scope, name)
    files = list_did_files(client, scope, name)
    result = folder_contents(files, download_layout(folder, scope, name, kind, files))
    relative = os.path.relpath(folder, root_dir)
    shown = folder if relative.startswith("..") else relative
    return {"scope": scope, "name": name, "didType": kind, "folder": shown, **result}
