"""Fixtures for tests against the real local Rucio (bash rucio/up.sh) and the demo identities."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import uuid
import zlib
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[3]
RUCIO_HOST = os.environ.get("RUCIO_URL", f"http://127.0.0.1:{os.environ.get('RUCIO_PORT', '8080')}")
DEMO_SCOPE = "data18_13TeV"
DEMO_DATASET = "data18_13TeV.00348885.physics_Main.deriv.DAOD_PHYS.r13286_p4910"
TEST_SCOPE = "test_jupyterlab"  # datasets these tests upload, kept out of the demo scopes


def connection(account: str = "jdoe") -> dict[str, object]:
    return {
        "host": RUCIO_HOST,
        "auth_host": RUCIO_HOST,
        "account": account,
        "username": account,
        "password": f"{account}-secret",
    }


def adler32(path: Path) -> str:
    """The file's adler32 as Rucio writes it, computed here independently of the extension's code."""
    return f"{zlib.adler32(path.read_bytes()) & 0xFFFFFFFF:08x}"


def final_files(folder: Path) -> list[Path]:
    """Every file under a final name in a download folder (partial downloads excluded)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and ".rucio-catalog-partial" not in p.parts)


@pytest.fixture(scope="session")
def rucio_up() -> str:
    try:
        requests.get(f"{RUCIO_HOST}/ping", timeout=5).raise_for_status()
    except requests.RequestException as error:
        pytest.fail(f"the local Rucio at {RUCIO_HOST} does not answer ({error}); start it with bash rucio/up.sh")
    return RUCIO_HOST


@pytest.fixture(scope="session")
def jdoe_client(rucio_up):
    from rucio.client import Client

    return Client(
        rucio_host=rucio_up,
        auth_host=rucio_up,
        account="jdoe",
        auth_type="userpass",
        creds={"username": "jdoe", "password": "jdoe-secret"},
    )


@pytest.fixture(scope="session")
def demo_files(jdoe_client) -> list[dict]:
    """The demo dataset's files as Rucio lists them (name, bytes, adler32), sorted by name."""
    return sorted(jdoe_client.list_files(DEMO_SCOPE, DEMO_DATASET), key=lambda f: f["name"])


@pytest.fixture(scope="session")
def fresh_dataset(rucio_up, tmp_path_factory) -> tuple[str, str]:
    """A new 3-file dataset on REMOTE-POSIX (uploaded by root with the real UploadClient) that no rule
    sends to SWAN-MOUNT yet, so rule-mode tests can change its state without touching demo data."""
    environment = {
        **os.environ,
        "RUCIO_CONFIG": str(REPO / ".local/rucio/etc/client-root.cfg"),
        "RUCIO_CLIENT_MODE": "1",
    }
    failures = []
    # The local Rucio runs on SQLite, which now and then reports "database is locked" under load from
    # other test suites; a new dataset name makes a retry clean.
    for _attempt in range(3):
        name = f"{TEST_SCOPE}.upload.{uuid.uuid4().hex[:12]}"
        script = _UPLOAD_SCRIPT.format(scope=TEST_SCOPE, name=name, folder=str(tmp_path_factory.mktemp("upload")))
        result = subprocess.run(
            [sys.executable, "-c", script], env=environment, timeout=120, capture_output=True, text=True
        )
        if result.returncode == 0:
            return TEST_SCOPE, name
        failures.append(result.stderr[-2000:])
    pytest.fail("uploading a test dataset failed three times:\n" + "\n---\n".join(failures))


_UPLOAD_SCRIPT = textwrap.dedent(
    """
    import logging, os
    from rucio.client import Client
    from rucio.client.uploadclient import UploadClient
    from rucio.common.exception import Duplicate
    client = Client()
    try:
        client.add_scope("root", "{scope}")
    except Duplicate:
        pass
    items = []
    for index in range(3):
        path = os.path.join("{folder}", "{name}._" + str(index) + ".bin")
        with open(path, "wb") as stream:
            stream.write(os.urandom(4096 * (index + 1)))
        items.append({{"path": path, "rse": "REMOTE-POSIX", "did_scope": "{scope}", "dataset_scope": "{scope}",
                      "dataset_name": "{name}", "register_after_upload": True}})
    UploadClient(client, logger=logging.getLogger("upload")).upload(items)
    client.close("{scope}", "{name}")
    """
)


SESSION_VARIABLES = (
    "RUCIO_CATALOG_PORTAL_URL",
    "RUCIO_CATALOG_ALLOWED_ORIGIN",
    "RUCIO_CATALOG_TRUSTED_PORTALS",
    "RUCIO_CATALOG_EMBED_SIGN_IN",
    "RUCIO_CATALOG_MODE",
    "RUCIO_CATALOG_DOWNLOAD_FOLDER",
    "RUCIO_CATALOG_AUTO_STAGE",
    "RUCIO_CATALOG_TOKEN_FILE",
    "BEARER_TOKEN_FILE",
    "RUCIO_HOST",
    "RUCIO_AUTH_HOST",
    "RUCIO_ACCOUNT",
    "RUCIO_USERNAME",
    "RUCIO_PASSWORD",
    "SWAN_USE_RUCIO",
    "SWAN_RUCIO_INSTANCE",
    "SWAN_RUCIO_RSE",
    "SWAN_RUCIO_RSE_PATH",
    "SWAN_RUCIO_RSE_PATH_BEGINS_AT",
)


@pytest.fixture(autouse=True)
def clean_session_environment(monkeypatch):
    # The server reads these lazily, when the extension loads, so tests may set them before that.
    for name in SESSION_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def state_dir(tmp_path) -> Path:
    return tmp_path / "catalog-state"


@pytest.fixture
def jp_server_config(request, state_dir):
    """Enables the extension with a private state dir; a test adds RucioCatalog settings through
    indirect parametrization."""
    catalog = {"state_dir": str(state_dir), **getattr(request, "param", {})}
    return {"ServerApp": {"jpserver_extensions": {"rucio_catalog_jupyterlab": True}}, "RucioCatalog": catalog}
