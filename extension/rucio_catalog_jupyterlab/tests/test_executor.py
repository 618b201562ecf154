"""The download executor as a real worker process against the real local Rucio."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from rucio_catalog_jupyterlab.jobs import Job, JobStore, new_job_id
from rucio_catalog_jupyterlab.tests.conftest import (
    DEMO_DATASET,
    DEMO_SCOPE,
    RUCIO_HOST,
    adler32,
    connection,
    final_files,
)
from rucio_catalog_jupyterlab.tests.fake_portal import ProgressPortal

TOKEN = "portal-token-" + "x" * 24


def start_worker(state_dir: Path, job_id: str, conn: dict, report_interval: float = 0.0) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "rucio_catalog_jupyterlab.executor", job_id, "--state-dir", str(state_dir)],
        stdin=subprocess.PIPE,
    )
    assert process.stdin is not None
    process.stdin.write(json.dumps({"connection": conn, "reportInterval": report_interval}).encode())
    process.stdin.close()
    return process


def new_job(store: JobStore, folder: Path, scope: str = DEMO_SCOPE, name: str = DEMO_DATASET, portal=None) -> Job:
    job = Job(id=new_job_id(), scope=scope, name=name, did_type="DATASET", instance="default", folder=str(folder))
    if portal is not None:
        job.request_id, job.progress_url, job.token = "req-1", portal.url("req-1"), TOKEN
    store.save(job)
    return job


@pytest.fixture
def store(tmp_path) -> JobStore:
    return JobStore(str(tmp_path / "state"))


def test_downloads_the_dataset_and_verifies_checksums(rucio_up, store, tmp_path, demo_files):
    folder = tmp_path / "data"
    with ProgressPortal(TOKEN) as portal:
        job = new_job(store, folder, portal=portal)
        assert start_worker(Path(store.directory).parent, job.id, connection()).wait(120) == 0

    job = store.load(job.id)
    assert job.state == "done" and job.error is None
    expected = {f["name"]: f for f in demo_files}
    files = final_files(folder)
    assert [p.name for p in files] == sorted(expected)
    for path in files:
        assert path.parent == folder / DEMO_SCOPE / DEMO_DATASET
        assert path.stat().st_size == expected[path.name]["bytes"]
        assert adler32(path) == expected[path.name]["adler32"]
    assert not (folder / ".rucio-catalog-partial" / job.id).exists()
    final = portal.reports[-1]["body"]
    total = sum(f["bytes"] for f in demo_files)
    assert final == {"state": "done", "filesDone": 5, "filesTotal": 5, "bytesDone": total, "bytesTotal": total}
    assert all(r["path"] == "/api/stagings/req-1/progress" for r in portal.reports)
    staging = [r["body"] for r in portal.reports if r["body"]["state"] == "staging"]
    assert staging[0]["filesTotal"] == 0  # reported at once, before Rucio listed the files
    assert staging[1] == {"state": "staging", "filesDone": 0, "filesTotal": 5, "bytesDone": 0, "bytesTotal": total}
    assert staging[-1]["filesDone"] == 5


def test_resumes_after_sigkill_without_downloading_finished_files_again(rucio_up, store, tmp_path, demo_files):
    folder = tmp_path / "data"
    state_dir = Path(store.directory).parent
    checksums = {f["name"]: f["adler32"] for f in demo_files}
    with ProgressPortal(TOKEN) as portal:
        job = new_job(store, folder, portal=portal)
        private = Path(store.worker_dir(job.id))
        private.mkdir()
        (private / "token").write_text("left by an earlier worker")
        # The portal holds the report sent right after the first file was finished: the worker is
        # frozen there, and is killed there.
        portal.hold = lambda body: body["state"] == "staging" and body["filesDone"] == 1
        first = start_worker(state_dir, job.id, connection())
        assert portal.holding.wait(60), "the worker never reported its first file"
        # Its Rucio config and bearer token live in the job's private dir, emptied when it started.
        assert sorted(p.name for p in private.iterdir()) == ["rucio.cfg", "token"]
        assert (private / "token").read_text() not in ("", "left by an earlier worker")
        assert [stat.S_IMODE(p.stat().st_mode) for p in (private, private / "token")] == [0o700, 0o600]
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        portal.release()
        assert (private / "token").exists()  # nothing removes it but the next worker or server

        killed = store.load(job.id)
        assert killed.state == "staging"
        assert [f.done for f in killed.files] == [True, False, False, False, False]
        on_disk = final_files(folder)
        assert [p.name for p in on_disk] == [os.path.basename(killed.files[0].path)]
        assert adler32(on_disk[0]) == checksums[on_disk[0].name]  # only a verified file has a final name
        before = on_disk[0].stat()

        second = start_worker(state_dir, job.id, connection())
        assert second.wait(120) == 0

    resumed = store.load(job.id)
    assert resumed.state == "done"
    after = Path(resumed.files[0].path).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    files = final_files(folder)
    assert [p.name for p in files] == sorted(checksums)
    assert all(adler32(p) == checksums[p.name] for p in files)
    assert not (folder / ".rucio-catalog-partial" / job.id).exists()
    assert portal.reports[-1]["body"]["state"] == "done"
    assert portal.reports[-1]["body"]["filesDone"] == 5
    assert not private.exists()


def test_a_resumed_worker_signs_in_again_when_rucio_refuses_the_cached_token(
    rucio_up, store, tmp_path, monkeypatch, demo_files
):
    # rucio-clients caches a token per OS user and account below $TMPDIR. A session resumed after that
    # token expired, or another Rucio with the same account name, leaves one this Rucio refuses.
    token_cache = tmp_path / "tmp"
    token_cache.mkdir()
    monkeypatch.setenv("TMPDIR", str(token_cache))
    folder = tmp_path / "data"
    state_dir = Path(store.directory).parent
    job = new_job(store, folder)
    assert start_worker(state_dir, job.id, connection()).wait(120) == 0
    unfinished = store.load(job.id)  # as a worker killed after its first file leaves it
    unfinished.state = "staging"
    for file in unfinished.files[1:]:
        file.done = False
        os.remove(file.path)
    store.save(unfinished)
    [cached] = token_cache.glob("*/.rucio_*/auth_token_for_account_jdoe")
    cached.write_text("a-token-this-rucio-never-issued")

    assert start_worker(state_dir, job.id, connection()).wait(120) == 0

    resumed = store.load(job.id)
    assert (resumed.state, resumed.error) == ("done", None)
    expected = {f["name"]: f["adler32"] for f in demo_files}
    assert {p.name: adler32(p) for p in final_files(folder)} == expected


def test_only_one_worker_runs_a_job(rucio_up, store, tmp_path):
    state_dir = Path(store.directory).parent
    with ProgressPortal(TOKEN) as portal:
        job = new_job(store, tmp_path / "data", portal=portal)
        portal.hold = lambda body: body["state"] == "staging"
        first = start_worker(state_dir, job.id, connection())
        assert portal.holding.wait(60)
        second = subprocess.run(
            [sys.executable, "-m", "rucio_catalog_jupyterlab.executor", job.id, "--state-dir", str(state_dir)],
            input=b"{}",
            capture_output=True,
            timeout=60,
        )
        portal.release()
        assert first.wait(120) == 0
    assert second.returncode == 0
    assert b"already has a worker" in second.stderr
    assert store.load(job.id).state == "done"


def test_files_already_in_place_are_verified_not_downloaded(rucio_up, store, tmp_path, demo_files):
    folder = tmp_path / "data"
    state_dir = Path(store.directory).parent
    job = new_job(store, folder)
    assert start_worker(state_dir, job.id, connection()).wait(120) == 0
    files = final_files(folder)
    intact, corrupted = files[0], files[1]
    before = intact.stat()
    corrupted.write_bytes(b"\0" * corrupted.stat().st_size)  # same size, wrong content

    again = new_job(store, folder)
    assert start_worker(state_dir, again.id, connection()).wait(120) == 0

    assert store.load(again.id).state == "done"
    assert (intact.stat().st_ino, intact.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    expected = {f["name"]: f["adler32"] for f in demo_files}
    assert adler32(corrupted) == expected[corrupted.name]


def test_a_missing_did_fails_with_rucios_error_text(rucio_up, store, tmp_path):
    with ProgressPortal(TOKEN) as portal:
        job = new_job(store, tmp_path / "data", name="data18_13TeV.does-not-exist", portal=portal)
        assert start_worker(Path(store.directory).parent, job.id, connection()).wait(60) == 1
    job = store.load(job.id)
    assert job.state == "failed"
    assert "Data identifier 'data18_13TeV:data18_13TeV.does-not-exist' not found" in job.error
    assert not os.path.exists(store.worker_dir(job.id))
    assert portal.reports[-1]["body"]["state"] == "failed"
    assert portal.reports[-1]["body"]["error"] == job.error


def test_wrong_credentials_fail_with_rucios_error_text(rucio_up, store, tmp_path):
    job = new_job(store, tmp_path / "data")
    # An identity Rucio does not know (rucio-clients would reuse a cached token of a known account).
    conn = {**connection(), "account": "nobody-jupyterlab", "username": "nobody-jupyterlab"}
    assert start_worker(Path(store.directory).parent, job.id, conn).wait(60) == 1
    job = store.load(job.id)
    assert job.state == "failed"
    assert "Cannot authenticate" in job.error


def test_a_token_file_authenticates_the_download(rucio_up, store, tmp_path, demo_files):
    response = requests.get(
        f"{RUCIO_HOST}/auth/userpass",
        headers={"X-Rucio-Username": "jdoe", "X-Rucio-Password": "jdoe-secret", "X-Rucio-Account": "jdoe"},
        timeout=10,
    )
    response.raise_for_status()
    token_file = tmp_path / "token"
    token_file.write_text(response.headers["X-Rucio-Auth-Token"] + "\n")
    conn = {"host": RUCIO_HOST, "auth_host": RUCIO_HOST, "account": "jdoe", "token_file": str(token_file)}

    job = new_job(store, tmp_path / "data")
    assert start_worker(Path(store.directory).parent, job.id, conn).wait(120) == 0
    assert store.load(job.id).state == "done"
    assert len(final_files(tmp_path / "data")) == len(demo_files)
