"""The Jupyter server SIGKILLed mid-download, with real processes: `jupyter server` with the extension,
its download worker and the local Rucio. A new server on the same state dir brings the job to its true
final state without downloading a finished file again or leaving a partial file under a final name.

The portal holds the worker's progress report sent right after its first file was finished, which
freezes the worker there while the test kills processes.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from rucio_catalog_jupyterlab.tests.conftest import DEMO_DATASET, DEMO_SCOPE, RUCIO_HOST, adler32, final_files
from rucio_catalog_jupyterlab.tests.fake_portal import ProgressPortal

EXTENSION_SOURCE = Path(__file__).resolve().parents[2]
DEMO = {"scope": DEMO_SCOPE, "name": DEMO_DATASET, "type": "DATASET", "instance": "default"}
PORTAL_TOKEN = "portal-token-" + "k" * 24
# The worker's `rucio_catalog_jupyterlab: started download <job>, pid <pid>` line in the server log.
WORKER_STARTED = re.compile(r"started download (j[0-9a-f]{16}) .*, pid (\d+)")


class JupyterServer:
    """`jupyter server` as a subprocess in its own session, with the extension loaded from this source tree."""

    def __init__(self, home: Path, root_dir: Path, state_dir: Path, temp_dir: Path, portal_origin: str) -> None:
        self.home = home
        self.token = os.urandom(16).hex()
        self.port = _free_port()
        self.log_path = home / "server.log"
        config = {
            "ServerApp": {
                "ip": "127.0.0.1",
                "port": self.port,
                "port_retries": 0,
                "root_dir": str(root_dir),
                "open_browser": False,
                "allow_root": True,  # containers such as CI's run tests as root
                "jpserver_extensions": {"rucio_catalog_jupyterlab": True},
            },
            "IdentityProvider": {"token": self.token},
            "RucioCatalog": {
                "rucio_host": RUCIO_HOST,
                "rucio_username": "jdoe",
                "rucio_password": "jdoe-secret",
                "rucio_instance": "default",
                "mode": "download",
                "download_folder": "data",
                "portal_url": portal_origin,
                "state_dir": str(state_dir),
                "progress_report_interval": 0.0,
            },
        }
        (home / "config").mkdir(parents=True)
        (home / "config" / "jupyter_server_config.json").write_text(json.dumps(config))
        environment = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(EXTENSION_SOURCE), os.environ.get("PYTHONPATH")])),
            "JUPYTER_CONFIG_DIR": str(home / "config"),
            "JUPYTER_DATA_DIR": str(home / "data"),
            "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
            # rucio-clients' token cache (the workers' private dirs are in the state dir).
            "TMPDIR": str(temp_dir),
        }
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "jupyter_server"],
                env=environment,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/rucio-catalog"

    def request(self, method: str, route: str, body: dict | None = None) -> requests.Response:
        headers = {"Authorization": f"token {self.token}"}
        return requests.request(method, f"{self.base}/{route}", json=body, headers=headers, timeout=10)

    def wait_until_serving(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"jupyter server exited with {self.process.returncode}:\n{self.log()[-3000:]}")
            try:
                if self.request("GET", "config").ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"jupyter server did not answer within {timeout} s:\n{self.log()[-3000:]}")

    def wait_for_download(self, job_id: str, timeout: float = 120.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.request("GET", f"downloads/{job_id}").json()
            if job["state"] in ("done", "failed", "cancelled"):
                return job
            time.sleep(0.2)
        raise AssertionError(f"download {job_id} still {job['state']} after {timeout} s")

    def workers_started(self) -> list[tuple[str, int]]:
        return [(job_id, int(pid)) for job_id, pid in WORKER_STARTED.findall(self.log())]

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def worker_running(pid: int, job_id: str) -> bool:
    """Whether `pid` is still the (not yet exited) download worker of that job."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return b"rucio_catalog_jupyterlab.executor" in command and job_id.encode() in command and state != "Z"


def kill_worker(pid: int, job_id: str) -> None:
    if worker_running(pid, job_id):
        os.killpg(pid, signal.SIGKILL)  # the worker leads its own session and process group


def wait_until_gone(pid: int, job_id: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while worker_running(pid, job_id):
        assert time.monotonic() < deadline, f"worker {pid} still running after {timeout} s"
        time.sleep(0.1)


@pytest.fixture
def servers(tmp_path):
    """Starts Jupyter servers sharing one root and state dir; SIGKILLs every one and its workers at the end."""
    started: list[JupyterServer] = []

    def start(portal: ProgressPortal) -> JupyterServer:
        home = tmp_path / f"server-{len(started) + 1}"
        server = JupyterServer(home, tmp_path / "root", tmp_path / "state", tmp_path / "tmp", portal.origin)
        started.append(server)
        server.wait_until_serving()
        return server

    (tmp_path / "root").mkdir()
    (tmp_path / "tmp").mkdir()
    yield start
    for server in started:
        server.kill()
        for job_id, pid in server.workers_started():
            kill_worker(pid, job_id)


@pytest.fixture
def download_folder(tmp_path) -> Path:
    return tmp_path / "root" / "data"


def start_held_download(servers, portal: ProgressPortal, folder: Path):
    """A server whose worker has finished the first file and waits on its progress report."""
    portal.hold = lambda body: body["state"] == "staging" and body["filesDone"] == 1
    server = servers(portal)
    request = {"dataset": DEMO, "requestId": "req-k", "progressUrl": portal.url("req-k"), "token": PORTAL_TOKEN}
    response = server.request("POST", "downloads", request)
    assert response.status_code == 202, response.text
    job_id = response.json()["id"]
    assert portal.holding.wait(60), "the worker never reported its first file"
    [(started_job, worker)] = server.workers_started()
    assert started_job == job_id
    [first] = final_files(folder)  # only the verified first file carries a final name
    return server, job_id, worker, first


def done_report(demo_files: list[dict]) -> dict:
    total = sum(f["bytes"] for f in demo_files)
    return {"state": "done", "filesDone": 5, "filesTotal": 5, "bytesDone": total, "bytesTotal": total}


def assert_downloaded(folder: Path, demo_files: list[dict], job_id: str) -> None:
    expected = {f["name"]: f["adler32"] for f in demo_files}
    files = final_files(folder)
    assert [p.name for p in files] == sorted(expected)
    assert all(adler32(p) == expected[p.name] for p in files)
    assert not (folder / ".rucio-catalog-partial" / job_id).exists()


def test_server_sigkilled_mid_download_leaves_its_worker_to_finish(rucio_up, servers, download_folder, demo_files):
    with ProgressPortal(PORTAL_TOKEN) as portal:
        first_server, job_id, worker, first_file = start_held_download(servers, portal, download_folder)
        # Its held report would time out after 10 s; stopped, it stays put however slowly the new server starts.
        os.kill(worker, signal.SIGSTOP)
        before = first_file.stat()
        first_server.kill()
        assert worker_running(worker, job_id), "the worker died with the server"

        second_server = servers(portal)
        # The new server looked for unfinished jobs when it loaded; the job's worker was alive, so it
        # started none, and the job is still where the held worker left it.
        assert second_server.workers_started() == []
        frozen = second_server.request("GET", f"downloads/{job_id}").json()
        assert (frozen["state"], frozen["filesDone"]) == ("staging", 1)

        portal.release()
        os.kill(worker, signal.SIGCONT)  # after the release, so the answer to its report is already there
        done = second_server.wait_for_download(job_id)
        wait_until_gone(worker, job_id)

    assert (done["state"], done["filesDone"], done["filesTotal"]) == ("done", 5, 5)
    assert second_server.workers_started() == []  # the first worker finished the job alone
    after = first_file.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert_downloaded(download_folder, demo_files, job_id)
    # One worker resolved the file list, once: a second one would have reported from the start again.
    assert [r["body"]["filesDone"] for r in portal.reports if r["body"]["state"] == "staging"] == [0, 0, 1, 2, 3, 4, 5]
    assert portal.reports[-1]["body"] == done_report(demo_files)


def test_session_sigkilled_mid_download_resumes_under_a_new_server(
    rucio_up, servers, download_folder, demo_files, tmp_path
):
    with ProgressPortal(PORTAL_TOKEN) as portal:
        first_server, job_id, worker, first_file = start_held_download(servers, portal, download_folder)
        before = first_file.stat()
        # The whole session dies at once, as when a SWAN container is killed: server and worker.
        first_server.kill()
        kill_worker(worker, job_id)
        wait_until_gone(worker, job_id)
        private = tmp_path / "state" / "jobs" / f"{job_id}.worker"
        assert (private / "token").exists()  # the killed worker's Rucio token
        reports_before_restart = len(portal.reports)
        portal.release()

        second_server = servers(portal)
        [(resumed_job, resumed_worker)] = second_server.workers_started()
        assert resumed_job == job_id
        done = second_server.wait_for_download(job_id)
        wait_until_gone(resumed_worker, job_id)

    assert (done["state"], done["filesDone"], done["filesTotal"]) == ("done", 5, 5)
    after = first_file.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert_downloaded(download_folder, demo_files, job_id)
    resumed_reports = [r["body"] for r in portal.reports[reports_before_restart:]]
    assert (resumed_reports[0]["state"], resumed_reports[0]["filesDone"]) == ("staging", 1)  # resumed, not restarted
    assert resumed_reports[-1] == done_report(demo_files)
    assert not private.exists()
    assert list((tmp_path / "tmp").glob("rucio-catalog-worker-*")) == []
