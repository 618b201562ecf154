"""What the download folder holds already: the pure check, and the route against the real local Rucio."""

from __future__ import annotations

import zlib
from pathlib import Path

from rucio_catalog_jupyterlab.local_check import folder_contents
from rucio_catalog_jupyterlab.rucio_files import RucioFile
from rucio_catalog_jupyterlab.tests.conftest import DEMO_DATASET, DEMO_SCOPE
from rucio_catalog_jupyterlab.tests.test_handlers_rucio import DEMO, post, wait_for_download, with_jdoe


def rucio_file(name: str, data: bytes) -> RucioFile:
    return RucioFile(scope="s", name=name, bytes=len(data), adler32=f"{zlib.adler32(data):08x}", md5=None)


def layout(tmp_path: Path, contents: dict[str, bytes | None]) -> tuple[list[RucioFile], list[str]]:
    """Rucio's view of files a.. with these contents; None: not in the folder at all."""
    files, paths = [], []
    for name, data in contents.items():
        expected = f"content of {name}".encode()
        files.append(rucio_file(name, expected))
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
        paths.append(str(path))
    return files, paths


def test_complete_when_every_file_has_rucios_size_and_checksum(tmp_path):
    files, paths = layout(tmp_path, {"a": b"content of a", "b": b"content of b"})
    result = folder_contents(files, paths)
    assert result == {
        "state": "complete",
        "filesTotal": 2,
        "filesPresent": 2,
        "bytesTotal": 24,
        "bytesPresent": 24,
        "checked": "checksum",
        "localPaths": paths,
    }


def test_partial_counts_only_intact_files_and_gives_no_paths(tmp_path):
    # b has Rucio's size but other bytes; c is absent; d has the wrong size
    files, paths = layout(tmp_path, {"a": b"content of a", "b": b"CONTENT OF B", "c": None, "d": b"short"})
    result = folder_contents(files, paths)
    assert (result["state"], result["filesPresent"], result["bytesPresent"]) == ("partial", 1, 12)
    assert result["localPaths"] == []


def test_over_the_checksum_budget_only_names_and_sizes_are_compared(tmp_path):
    files, paths = layout(tmp_path, {"a": b"content of a", "b": b"CONTENT OF B"})
    result = folder_contents(files, paths, budget=10)
    assert (result["state"], result["checked"]) == ("complete", "size")


def test_nothing_there_is_missing(tmp_path):
    files, paths = layout(tmp_path, {"a": None})
    assert folder_contents(files, paths)["state"] == "missing"


@with_jdoe
async def test_the_route_sees_a_download_and_a_second_one_fetches_only_what_was_lost(
    rucio_up, jp_fetch, jp_root_dir, demo_files
):
    code, before = await post(jp_fetch, "local", {"dataset": DEMO})
    assert code == 200
    assert (before["state"], before["filesPresent"], before["folder"]) == ("missing", 0, "data")

    code, job = await post(jp_fetch, "downloads", {"dataset": DEMO})
    assert code == 202
    assert (await wait_for_download(jp_fetch, job["id"]))["state"] == "done"
    folder = Path(jp_root_dir) / "data" / DEMO_SCOPE / DEMO_DATASET
    code, after = await post(jp_fetch, "local", {"dataset": DEMO})
    total = sum(f["bytes"] for f in demo_files)
    assert after["state"] == "complete" and after["checked"] == "checksum"
    assert (after["filesPresent"], after["bytesPresent"], after["bytesTotal"]) == (5, total, total)
    assert after["localPaths"] == [str(folder / f["name"]) for f in demo_files]

    lost, kept = folder / demo_files[0]["name"], folder / demo_files[1]["name"]
    lost.unlink()
    kept_inode = kept.stat().st_ino
    code, partial = await post(jp_fetch, "local", {"dataset": DEMO})
    assert (partial["state"], partial["filesPresent"]) == ("partial", 4)
    assert partial["bytesPresent"] == total - demo_files[0]["bytes"]

    code, again = await post(jp_fetch, "downloads", {"dataset": DEMO})
    assert (await wait_for_download(jp_fetch, again["id"]))["state"] == "done"
    assert lost.is_file()
    assert kept.stat().st_ino == kept_inode  # the files already there were not downloaded again
    code, final = await post(jp_fetch, "local", {"dataset": DEMO})
    assert final["state"] == "complete"
