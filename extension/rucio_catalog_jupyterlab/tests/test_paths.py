import os

import pytest

from rucio_catalog_jupyterlab.paths import UnsafePathError, download_path, has_size, partial_dir, pfn_to_local_path

PFN = "root://eosatlas.cern.ch:1094//eos/atlas/rucio/data18_13TeV/59/4e/file.root"


@pytest.mark.parametrize(
    ("begins_at", "expected"),
    [
        (0, "/mnt/rucio/eos/atlas/rucio/data18_13TeV/59/4e/file.root"),
        (3, "/mnt/rucio/data18_13TeV/59/4e/file.root"),
        (6, "/mnt/rucio/file.root"),
    ],
)
def test_pfn_maps_below_the_mount_after_begins_at_components(begins_at, expected):
    assert pfn_to_local_path(PFN, "/mnt/rucio", begins_at) == expected


def test_pfn_with_fewer_components_than_begins_at_is_refused():
    with pytest.raises(ValueError, match="fewer than 8"):
        pfn_to_local_path(PFN, "/mnt/rucio", 7)


def test_file_pfn_of_the_local_demo_rse():
    pfn = "file://localhost/work/main/.local/rucio/rses/swan/data18_13TeV/59/4e/a.root"
    assert pfn_to_local_path(pfn, "/eos/swan", 5) == "/eos/swan/swan/data18_13TeV/59/4e/a.root"


def test_download_layout_is_folder_scope_collection_file():
    assert (
        download_path("/home/u/rucio-data", "data18_13TeV", "ds.1", "f.root")
        == "/home/u/rucio-data/data18_13TeV/ds.1/f.root"
    )
    assert download_path("/d", "user.jdoe", None, "single.root") == "/d/user.jdoe/single.root"


def test_slashes_in_names_become_folders():
    assert download_path("/d", "cms", "/store/mc/ds", "/store/mc/ds/f.root") == "/d/cms/store/mc/ds/store/mc/ds/f.root"


@pytest.mark.parametrize("name", ["..", "a/../../etc", "./", "x\x00y", "/"])
def test_names_that_would_leave_the_folder_are_refused(name):
    with pytest.raises(UnsafePathError):
        download_path("/d", "scope", name, "f")
    with pytest.raises(UnsafePathError):
        download_path("/d", "scope", "ds", name)


def test_partial_dir_is_inside_the_download_folder():
    assert partial_dir("/d", "jabc") == "/d/.rucio-catalog-partial/jabc"


def test_has_size_needs_a_regular_file_of_that_size(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"12345")
    assert has_size(str(path), 5)
    assert not has_size(str(path), 4)
    assert not has_size(str(tmp_path / "missing"), 0)
    os.mkdir(tmp_path / "dir")
    assert not has_size(str(tmp_path / "dir"), os.stat(tmp_path / "dir").st_size)
