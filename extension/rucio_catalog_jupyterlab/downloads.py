"""Schedules download jobs inside the Jupyter server: starts, watches, resumes and cancels workers.

Workers run in their own session (a Ctrl-C on the server's terminal does not kill a download). When
the server starts, every job that is not finished and has no live worker is started again, which is
how a download resumes after the server (or the whole session) was restarted.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from typing import Callable

from .jobs import Job, JobStore, new_job_id
from .paths import partial_dir

_HISTORY_LIMIT = 50
# Finished jobs (their state files, not their downloads) are forgotten after this many seconds.
_FINISHED_RETENTION_S = 30 * 24 * 3600


class DownloadManager:
    def __init__(
        self,
        store: JobStore,
        connection_settings: Callable[[], dict[str, object]],
        *,
        max_parallel: int = 2,
        report_interval: float = 1.0,
        logger: logging.Logger | None = None,
    ) -> None:
        self.store = store
        self.connection_settings = connection_settings
        self.max_parallel = max(1, max_parallel)
        self.report_interval = report_interval
        self.log = logger or logging.getLogger(__name__)
        self.processes: dict[str, subprocess.Popen] = {}

    def create(
        self,
        *,
        scope: str,
        name: str,
        did_type: str,
        instance: str | None,
        folder: str,
        request_id: str | None = None,
        progress_url: str | None = None,
        token: str | None = None,
    ) -> dict[str, object]:
        for job in self.store.all():
            if job.active and (job.scope, job.name, job.folder) == (scope, name, folder):
                return self.snapshot(job)  # one worker per dataset and folder
        job = Job(
            id=new_job_id(),
            scope=scope,
            name=name,
            did_type=did_type,
            instance=instance,
            folder=folder,
            request_id=request_id,
            progress_url=progress_url,
            token=token,
        )
        self.store.save(job)
        self.schedule()
        return self.snapshot(self.store.load(job.id))

    def list(self) -> list[dict[str, object]]:
        jobs = sorted(self.store.all(), key=lambda j: (not j.active, -j.updated_at))
        return [self.snapshot(job) for job in jobs[:_HISTORY_LIMIT]]

    def get(self, job_id: str) -> dict[str, object] | None:
        try:
            return self.snapshot(self.store.load(job_id))
        except (FileNotFoundError, ValueError):
            return None

    def cancel(self, job_id: str) -> dict[str, object] | None:
        try:
            job = self.store.load(job_id)
        except (FileNotFoundError, ValueError):
            return None
        if job.active:
            self.store.request_cancel(job_id)
            lock = self.store.try_lock(job_id)
            if lock is not None:  # no worker: settle it here
                try:
                    job = self.store.load(job_id)
                    job.state = "cancelled"
                    self.store.save(job)
                    shutil.rmtree(partial_dir(job.folder, job.id), ignore_errors=True)  # what a killed worker left
                finally:
                    os.close(lock)
            elif job_id in self.processes:
                self.processes[job_id].send_signal(signal.SIGTERM)
        return self.get(job_id)

    def schedule(self) -> None:
        """Reaps finished workers, removes what killed ones left in the state dir, and starts (or
        restarts) active jobs while there is capacity."""
        for job_id, process in list(self.processes.items()):
            if process.poll() is not None:
                del self.processes[job_id]
        self.store.remove_dead_workers_dirs(starting=self.processes)
        self.store.remove_dead_writers_files()
        jobs = list(self.store.all())
        self._forget_old(jobs)
        active = [job for job in jobs if job.active]
        running = {job.id for job in active if job.id in self.processes or self.store.worker_alive(job.id)}
        waiting = sorted((job for job in active if job.id not in running), key=lambda j: j.created_at)
        for job in waiting[: max(0, self.max_parallel - len(running))]:
            self._spawn(job)

    def _forget_old(self, jobs: list[Job]) -> None:
        cutoff = time.time() - _FINISHED_RETENTION_S
        for job in jobs:
            if not job.active and job.updated_at < cutoff:
                for suffix in ("json", "lock", "log", "cancel"):
                    with contextlib.suppress(FileNotFoundError):
                        os.remove(self.store.path(job.id, suffix))

    def _spawn(self, job: Job) -> None:
        try:
            connection = self.connection_settings()
        except Exception as error:  # noqa: BLE001 - missing credentials: let the worker fail the job visibly
            connection = {"error": str(error)}
        command = [sys.executable, "-m", "rucio_catalog_jupyterlab.executor", job.id, "--state-dir", self._state_dir]
        with open(self.store.path(job.id, "log"), "a") as log:
            process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=log, stderr=log, start_new_session=True, close_fds=True
            )
        assert process.stdin is not None
        process.stdin.write(json.dumps({"connection": connection, "reportInterval": self.report_interval}).encode())
        process.stdin.close()
        self.processes[job.id] = process
        self.log.info(
            "rucio_catalog_jupyterlab: started download %s (%s:%s), pid %s", job.id, job.scope, job.name, process.pid
        )

    @property
    def _state_dir(self) -> str:
        return os.path.dirname(self.store.directory)

    def snapshot(self, job: Job) -> dict[str, object]:
        counts = job.counts()
        if job.state == "staging":
            # bytes of the file being downloaded right now, so big files show movement
            counts["bytesDone"] = min(
                counts["bytesTotal"], counts["bytesDone"] + _folder_bytes(partial_dir(job.folder, job.id))
            )
        return {
            "id": job.id,
            "requestId": job.request_id,
            "instance": job.instance,
            "scope": job.scope,
            "name": job.name,
            "didType": job.did_type,
            "folder": job.folder,
            "state": job.state,
            "error": job.error,
            **counts,
            "createdAt": job.created_at,
            "updatedAt": job.updated_at,
        }


def _folder_bytes(folder: str) -> int:
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except OSError:
                continue
    return total
