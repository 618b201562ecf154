"""Scheduling rules of the download manager (no Rucio needed: workers without credentials fail fast)."""

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from rucio_catalog_jupyterlab.downloads import DownloadManager
from rucio_catalog_jupyterlab.jobs import Job, JobStore, new_job_id


def no_credentials() -> dict:
    raise RuntimeError("no Rucio credentials on the Jupyter server")


@pytest.fixture
def store(tmp_path) -> JobStore:
    return JobStore(str(tmp_path / "state"))


def add_job(store: JobStore, folder: str, state: str = "pending", name: str = "ds") -> Job:
    job = Job(id=new_job_id(), scope="scope", name=name, did_type="DATASET", instance=None, folder=folder, state=state)
    store.save(job)
    return job


def wait_for_workers(manager: DownloadManager) -> None:
    for process in list(manager.processes.values()):
        process.wait(60)


def test_one_active_job_per_dataset_and_folder(store, tmp_path):
    manager = DownloadManager(store, no_credentials, max_parallel=0)
    existing = add_job(store, str(tmp_path), state="staging")
    snapshot = manager.create(scope="scope", name="ds", did_type="DATASET", instance=None, folder=str(tmp_path))
    assert snapshot["id"] == existing.id
    other_folder = manager.create(
        scope="scope", name="ds", did_type="DATASET", instance=None, folder=str(tmp_path / "x")
    )
    assert other_folder["id"] != existing.id
    wait_for_workers(manager)


def test_no_more_workers_than_allowed(store, tmp_path):
    manager = DownloadManager(store, no_credentials, max_parallel=1)
    first = add_job(store, str(tmp_path), name="a")
    add_job(store, str(tmp_path), name="b")
    manager.schedule()
    assert list(manager.processes) == [first.id]  # oldest first
    wait_for_workers(manager)
    assert store.load(first.id).state == "failed"
    assert store.load(first.id).error == "no Rucio credentials on the Jupyter server"


def test_cancelling_a_job_without_worker_settles_it_at_once(store, tmp_path):
    manager = DownloadManager(store, no_credentials)
    job = add_job(store, str(tmp_path))
    assert manager.cancel(job.id)["state"] == "cancelled"
    assert manager.cancel("j0000000000000000") is None


def test_cancelling_a_job_without_worker_removes_its_partial_downloads(store, tmp_path):
    manager = DownloadManager(store, no_credentials)
    partial = tmp_path / ".rucio-catalog-partial"
    dead = add_job(store, str(tmp_path), state="staging")
    live = add_job(store, str(tmp_path), state="staging", name="b")
    for job in (dead, live):
        (partial / job.id).mkdir(parents=True)
        (partial / job.id / "file.part").write_bytes(b"half")
    final = tmp_path / "scope" / "ds" / "file"
    final.parent.mkdir(parents=True)
    final.write_bytes(b"verified")
    live_worker = store.try_lock(live.id)  # a worker of another server, still writing its partial file
    try:
        assert manager.cancel(dead.id)["state"] == "cancelled"
        assert manager.cancel(live.id)["state"] == "staging"  # its worker settles the cancellation
    finally:
        os.close(live_worker)
    assert not (partial / dead.id).exists()
    assert (partial / live.id / "file.part").read_bytes() == b"half"
    assert final.read_bytes() == b"verified"


def test_private_dirs_of_dead_workers_are_removed(store, tmp_path):
    # A SIGKILLed worker leaves its private dir, with a Rucio token, behind; a live worker's stays.
    dead, live = add_job(store, str(tmp_path), state="failed"), add_job(store, str(tmp_path), state="staging")
    for job in (dead, live):
        os.mkdir(store.worker_dir(job.id), 0o700)
        Path(store.worker_dir(job.id), "token").write_text("a-rucio-token")
    live_worker = store.try_lock(live.id)
    try:
        manager = DownloadManager(store, no_credentials)  # as when the server starts
        manager.schedule()
        assert manager.processes == {}
    finally:
        os.close(live_worker)
    assert not os.path.exists(store.worker_dir(dead.id))
    assert Path(store.worker_dir(live.id), "token").read_text() == "a-rucio-token"


def test_job_files_half_written_by_a_dead_process_are_removed(store, tmp_path):
    job = add_job(store, str(tmp_path), state="done")
    exited = subprocess.Popen(["true"])  # its pid is free once it has been waited for
    exited.wait()
    dead_write = Path(f"{store.path(job.id)}.{exited.pid}.tmp")
    live_write = Path(f"{store.path(job.id)}.{os.getpid()}.tmp")
    dead_write.write_text('{"half": ')
    live_write.write_text('{"half": ')
    DownloadManager(store, no_credentials).schedule()
    assert not dead_write.exists()
    assert live_write.exists()  # this process may be writing it right now
    assert store.load(job.id).state == "done"


def test_finished_jobs_are_forgotten_after_a_month(store, tmp_path):
    manager = DownloadManager(store, no_credentials)
    old, recent = add_job(store, str(tmp_path), state="done"), add_job(store, str(tmp_path), state="failed")
    path = Path(store.path(old.id))
    raw = json.loads(path.read_text())
    raw["updated_at"] = time.time() - 31 * 24 * 3600
    path.write_text(json.dumps(raw))
    manager.schedule()
    assert [job["id"] for job in manager.list()] == [recent.id]
