"""Download jobs persisted as one JSON file each, so a killed worker or server can resume them.

Layout under <state_dir>/jobs: <id>.json (the job), <id>.lock (held by the running worker with
flock, so "is a worker alive" needs no PID bookkeeping), <id>.cancel (a cancellation request),
<id>.log (the worker's log), <id>.worker/ (the worker's private dir: rucio.cfg and its Rucio bearer
token, removed when the worker ends, or by the server once it finds the lock free). Writes go to
<id>.json.<pid>.tmp, which then replaces the job file, so a reader never sees half a document. The
portal token is stored because a resumed job keeps reporting with it; the directory and files are
private to the user.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import secrets
import shutil
import time
from dataclasses import asdict, dataclass, field
from typing import Collection, Iterator

ACTIVE_STATES = ("pending", "staging")
TERMINAL_STATES = ("done", "failed", "cancelled")
_TEMPORARY_JOB_FILE = re.compile(r"[0-9A-Za-z]+\.json\.(?P<pid>[0-9]+)\.tmp")


@dataclass
class JobFile:
    scope: str
    name: str
    bytes: int
    adler32: str | None
    md5: str | None
    path: str
    done: bool = False


@dataclass
class Job:
    id: str
    scope: str
    name: str
    did_type: str
    instance: str | None
    folder: str
    state: str = "pending"
    error: str | None = None
    request_id: str | None = None
    progress_url: str | None = None
    token: str | None = None
    files: list[JobFile] | None = None
    created_at: float = field(default_factory=time.time)
    updated_at: float = field(default_factory=time.time)

    @property
    def active(self) -> bool:
        return self.state in ACTIVE_STATES

    def counts(self) -> dict[str, int]:
        files = self.files or []
        done = [f for f in files if f.done]
        return {
            "filesDone": len(done),
            "filesTotal": len(files),
            "bytesDone": sum(f.bytes for f in done),
            "bytesTotal": sum(f.bytes for f in files),
        }

    def local_paths(self) -> list[str]:
        return [f.path for f in self.files or []]


def new_job_id() -> str:
    return "j" + secrets.token_hex(8)


class JobStore:
    def __init__(self, state_dir: str) -> None:
        self.directory = os.path.join(state_dir, "jobs")
        os.makedirs(self.directory, mode=0o700, exist_ok=True)

    def path(self, job_id: str, suffix: str = "json") -> str:
        if not job_id.isalnum():
            raise ValueError(f"bad job id {job_id!r}")
        return os.path.join(self.directory, f"{job_id}.{suffix}")

    def worker_dir(self, job_id: str) -> str:
        return self.path(job_id, "worker")

    def new_worker_dir(self, job_id: str) -> str:
        """The worker's private dir, emptied of what an earlier (killed) worker of the job left there."""
        path = self.worker_dir(job_id)
        shutil.rmtree(path, ignore_errors=True)
        os.mkdir(path, 0o700)
        return path

    def save(self, job: Job) -> None:
        job.updated_at = time.time()
        target = self.path(job.id)
        temporary = f"{target}.{os.getpid()}.tmp"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as stream:
            json.dump(asdict(job), stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)

    def load(self, job_id: str) -> Job:
        with open(self.path(job_id)) as stream:
            raw = json.load(stream)
        files = raw.pop("files")
        job = Job(**raw)
        job.files = None if files is None else [JobFile(**f) for f in files]
        return job

    def all(self) -> Iterator[Job]:
        for entry in sorted(os.listdir(self.directory)):
            if entry.endswith(".json"):
                try:
                    yield self.load(entry[: -len(".json")])
                except (OSError, ValueError, TypeError, KeyError):
                    continue  # a job file from an incompatible version or a foreign file

    def request_cancel(self, job_id: str) -> None:
        with open(self.path(job_id, "cancel"), "w"):
            pass

    def cancel_requested(self, job_id: str) -> bool:
        return os.path.exists(self.path(job_id, "cancel"))

    def try_lock(self, job_id: str) -> int | None:
        """An exclusive lock on the job, or None when a live worker holds it. Close the fd to release."""
        descriptor = os.open(self.path(job_id, "lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            return None
        return descriptor

    def worker_alive(self, job_id: str) -> bool:
        descriptor = self.try_lock(job_id)
        if descriptor is None:
            return True
        os.close(descriptor)
        return False

    def remove_dead_workers_dirs(self, starting: Collection[str] = ()) -> None:
        """Removes the private dirs (with a Rucio token) of workers killed before they could.

        A free job lock means no worker; it is held while removing, so no worker writes there meanwhile.
        Jobs in `starting` are skipped: a worker just spawned may not hold its lock yet, and would give up
        if it found the lock taken.
        """
        for entry in os.listdir(self.directory):
            job_id, _, suffix = entry.partition(".")
            if suffix != "worker" or job_id in starting:
                continue
            lock = self.try_lock(job_id)
            if lock is not None:
                try:
                    shutil.rmtree(self.worker_dir(job_id), ignore_errors=True)
                finally:
                    os.close(lock)

    def remove_dead_writers_files(self) -> None:
        """Removes <id>.json.<pid>.tmp files whose writer is dead: killed between writing and replacing.

        A live writer's file is never touched, so this is safe at any time and in any process.
        """
        for entry in os.listdir(self.directory):
            temporary = _TEMPORARY_JOB_FILE.fullmatch(entry)
            if temporary and not _process_alive(int(temporary.group("pid"))):
                with contextlib.suppress(FileNotFoundError):
                    os.remove(os.path.join(self.directory, entry))


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # no signal sent: only whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        pass
    return True
