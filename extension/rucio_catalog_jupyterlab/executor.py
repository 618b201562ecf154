"""The download executor: one worker process per job, `python -m rucio_catalog_jupyterlab.executor`.

It downloads each file with rucio-clients' DownloadClient into the job's partial folder, verifies it
against Rucio's checksum and only then renames it to its final path, so a final name never holds a
partial or unverified file. After every file the job file is saved: a worker killed at any moment
is resumed by starting it again, which skips finished files without reading them. The Rucio
connection (with any password) arrives as JSON on stdin, never on the command line or on disk.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import signal
import sys

from .checksums import ChecksumMismatch, verify_file
from .jobs import TERMINAL_STATES, Job, JobFile, JobStore
from .paths import has_size, partial_dir
from .reporter import PortalProgressReporter
from .rucio_access import RucioConnection, rucio_error_text
from .rucio_files import did_type, download_layout, list_did_files

_SUCCESS_STATES = ("DONE", "ALREADY_DONE")


class Interrupted(BaseException):
    """SIGTERM: stop between two steps (a BaseException so rucio's `except Exception` cannot swallow it)."""


class DownloadFailed(Exception):
    pass


class DownloadExecutor:
    def __init__(self, store: JobStore, job: Job, connection: dict[str, object], report_interval: float) -> None:
        self.store = store
        self.job = job
        self.connection_settings = connection
        self.log = logging.getLogger("rucio_catalog_jupyterlab.executor")
        self.partial = partial_dir(job.folder, job.id)
        self.reporter = (
            PortalProgressReporter(job.progress_url, job.token, min_interval=report_interval, logger=self.log)
            if job.progress_url and job.token
            else None
        )

    def run(self) -> None:
        job = self.job
        if job.state in TERMINAL_STATES:
            return
        private_dir = self.store.new_worker_dir(job.id)
        try:
            self.connection = RucioConnection.from_dict(self.connection_settings)
            self._configure_rucio(private_dir)
            self._set_state("staging")
            if self.store.cancel_requested(job.id):
                raise Interrupted()
            self._resolve_files()
            self._report(force=True)  # the totals are known now
            shutil.rmtree(self.partial, ignore_errors=True)
            for file in job.files or []:
                if self.store.cancel_requested(job.id):
                    raise Interrupted()
                self._ensure_file(file)
                self.store.save(job)
                self._report()
            self._set_state("done")
        except Interrupted:
            if self.store.cancel_requested(job.id):
                self._set_state("cancelled")
            else:
                self.log.info("stopped; the job resumes when a worker starts again")
        except Exception as error:  # noqa: BLE001 - any failure ends the job with Rucio's (or the OS's) text
            self.log.exception("download failed")
            self._set_state("failed", rucio_error_text(error))
        finally:
            shutil.rmtree(self.partial, ignore_errors=True)
            shutil.rmtree(private_dir, ignore_errors=True)

    def _configure_rucio(self, private_dir: str) -> None:
        """DownloadClient builds further clients from rucio.cfg, so it gets a private one without secrets.

        Those clients authenticate with the bearer token in BEARER_TOKEN_FILE: SWAN's renewed file, or
        (userpass) a private file this worker keeps filled with its current token.
        """
        self.token_file = self.connection.token_file or os.path.join(private_dir, "token")
        config_path = os.path.join(private_dir, "rucio.cfg")
        lines = [
            "[client]",
            f"rucio_host = {self.connection.host}",
            f"auth_host = {self.connection.auth_host}",
            "auth_type = oidc",
            f"account = {self.connection.account}",
            "request_retries = 2",
        ]
        with open(os.open(config_path, os.O_WRONLY | os.O_CREAT, 0o600), "w") as stream:
            stream.write("\n".join(lines) + "\n")
        os.environ.update(RUCIO_CONFIG=config_path, RUCIO_CLIENT_MODE="1", BEARER_TOKEN_FILE=self.token_file)

    def _client(self):  # noqa: ANN202 - rucio Client
        client = self.connection.client()
        if not self.connection.token_file:
            # The client starts from the token rucio-clients cached for this OS user and account, which
            # Rucio may refuse (expired, or issued by another Rucio): a request makes it sign in again
            # then, so the token the other clients get is one Rucio accepts.
            client.whoami()
            with open(os.open(self.token_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as stream:
                stream.write(client.auth_token)
        return client

    def _resolve_files(self) -> None:
        job = self.job
        if job.files is not None:
            return
        client = self._client()
        kind = did_type(client, job.scope, job.name)
        files = list_did_files(client, job.scope, job.name)
        paths = download_layout(job.folder, job.scope, job.name, kind, files)
        job.did_type = kind
        job.files = [
            JobFile(scope=f.scope, name=f.name, bytes=f.bytes, adler32=f.adler32, md5=f.md5, path=path)
            for f, path in zip(files, paths, strict=True)
        ]
        self.store.save(job)

    def _ensure_file(self, file: JobFile) -> None:
        if file.done and has_size(file.path, file.bytes):
            return  # verified when it was downloaded; not read again
        file.done = False
        if os.path.isfile(file.path):
            try:
                verify_file(file.path, file.adler32, file.md5)
                file.done = True
                return
            except ChecksumMismatch:
                self.log.warning("replacing %s: its content differs from Rucio's", file.path)
        downloaded = self._download(file)
        verify_file(downloaded, file.adler32, file.md5)
        os.makedirs(os.path.dirname(file.path), exist_ok=True)
        os.replace(downloaded, file.path)
        file.done = True

    def _download(self, file: JobFile) -> str:
        from rucio.client.downloadclient import DownloadClient

        did = f"{file.scope}:{file.name}"
        traces: list[dict] = []
        # Checksums are verified here, after the download, so a file is read once.
        item = {"did": did, "base_dir": self.partial, "no_subdir": True, "ignore_checksum": True}
        downloader = DownloadClient(client=self._client(), logger=self.log, tracing=False)
        output = downloader.download_dids(
            [item], num_threads=1, traces_copy_out=traces, deactivate_file_download_exceptions=True
        )
        result = output[0] if output else {}
        if result.get("clientState") not in _SUCCESS_STATES:
            reasons = [t.get("stateReason") for t in traces if t.get("stateReason") not in (None, "", "UNKNOWN")]
            reason = reasons[-1] if reasons else "no replica could be read"
            raise DownloadFailed(f"{did}: {result.get('clientState', 'FAILED')}: {reason}")
        return result["dest_file_paths"][0]

    def _set_state(self, state: str, error: str | None = None) -> None:
        self.job.state = state
        self.job.error = error
        self.store.save(self.job)
        self._report()

    def _report(self, force: bool = False) -> None:
        if self.reporter is not None:
            self.reporter.report(self.job.state, self.job.counts(), self.job.error, force=force)


def _raise_interrupted(_signum: int, _frame: object) -> None:
    raise Interrupted()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("job_id")
    parser.add_argument("--state-dir", required=True)
    args = parser.parse_args(argv)

    store = JobStore(args.state_dir)
    lock = store.try_lock(args.job_id)
    if lock is None:
        print(f"job {args.job_id} already has a worker", file=sys.stderr)
        return 0
    logging.basicConfig(
        filename=store.path(args.job_id, "log"),
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("rucio").setLevel(logging.WARNING)
    signal.signal(signal.SIGTERM, _raise_interrupted)
    settings = json.loads(sys.stdin.read() or "{}")
    job = store.load(args.job_id)
    DownloadExecutor(store, job, settings.get("connection") or {}, float(settings.get("reportInterval", 1.0))).run()
    os.close(lock)
    return 0 if job.state != "failed" else 1


if __name__ == "__main__":
    sys.exit(main())
