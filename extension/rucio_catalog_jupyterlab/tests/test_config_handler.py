import json
import os

import pytest

from rucio_catalog_jupyterlab.config import DEFAULT_RUCIO_HOST


@pytest.fixture
def session_env(request, monkeypatch):
    """Environment the server starts with (request it before jp_fetch: the extension reads it at load)."""
    for name, value in getattr(request, "param", {}).items():
        monkeypatch.setenv(name, value)


async def fetch_config(jp_fetch) -> dict:
    response = await jp_fetch("rucio-catalog", "config")
    assert response.code == 200
    assert response.headers["Cache-Control"] == "no-store"
    return json.loads(response.body)


async def test_nothing_configured_gives_defaults(jp_fetch, jp_root_dir):
    assert await fetch_config(jp_fetch) == {
        "portalUrl": None,
        "allowedOrigin": None,
        "useRucio": False,
        "rucioInstance": None,
        "destinationRse": None,
        "rseMountPath": None,
        "rsePathBeginsAt": None,
        "mode": "download",
        "downloadFolder": os.path.join(str(jp_root_dir), "rucio-data"),
        "autoStage": False,
        "rucioHost": DEFAULT_RUCIO_HOST,
        "rucioAccount": None,
        "credentialsConfigured": False,
        "embedSignIn": False,
    }


SWAN_SESSION = {
    "RUCIO_CATALOG_PORTAL_URL": "https://catalog.example.org",
    "SWAN_USE_RUCIO": "true",
    "SWAN_RUCIO_INSTANCE": "atlas",
    "SWAN_RUCIO_RSE": "CERN-PROD_SWAN",
    "SWAN_RUCIO_RSE_PATH": "/eos/atlas/rucio",
    "SWAN_RUCIO_RSE_PATH_BEGINS_AT": "4",
}


@pytest.mark.parametrize("session_env", [SWAN_SESSION], indirect=True)
async def test_swan_session_variables_are_presets(session_env, jp_fetch):
    config = await fetch_config(jp_fetch)

    assert config["portalUrl"] == "https://catalog.example.org"
    assert config["useRucio"] is True
    assert config["rucioInstance"] == "atlas"
    assert config["destinationRse"] == "CERN-PROD_SWAN"
    assert config["rseMountPath"] == "/eos/atlas/rucio"
    assert config["rsePathBeginsAt"] == 4
    assert config["mode"] == "rule"  # a mounted RSE is known, so staging makes rules by default


@pytest.mark.parametrize(
    "session_env",
    [
        {
            "RUCIO_CATALOG_MODE": "download",
            "RUCIO_CATALOG_DOWNLOAD_FOLDER": "/srv/downloads",
            "RUCIO_CATALOG_AUTO_STAGE": "yes",
            "RUCIO_HOST": "https://rucio.example.org",
            "RUCIO_USERNAME": "jdoe",
            "RUCIO_PASSWORD": "very-secret-password",
        }
    ],
    indirect=True,
)
async def test_environment_configures_mode_folder_and_rucio(session_env, jp_fetch):
    response = await jp_fetch("rucio-catalog", "config")
    config = json.loads(response.body)

    assert config["mode"] == "download"
    assert config["downloadFolder"] == "/srv/downloads"
    assert config["autoStage"] is True
    assert config["rucioHost"] == "https://rucio.example.org"
    assert config["rucioAccount"] == "jdoe"
    assert config["credentialsConfigured"] is True
    assert config["embedSignIn"] is True
    assert b"very-secret-password" not in response.body


@pytest.mark.parametrize(
    "jp_server_config",
    [{"portal_url": "https://from-config.example.org", "rse_path_begins_at": 2, "rucio_token_file": "/run/token"}],
    indirect=True,
)
@pytest.mark.parametrize(
    "session_env",
    [{"RUCIO_CATALOG_PORTAL_URL": "https://from-env.example.org", "SWAN_RUCIO_RSE_PATH_BEGINS_AT": "4"}],
    indirect=True,
)
async def test_traitlets_config_wins_over_environment(session_env, jp_fetch):
    response = await jp_fetch("rucio-catalog", "config")
    config = json.loads(response.body)

    assert config["portalUrl"] == "https://from-config.example.org"
    assert config["rsePathBeginsAt"] == 2
    assert config["credentialsConfigured"] is True
    assert b"/run/token" not in response.body


@pytest.mark.parametrize(
    "session_env",
    [{"SWAN_RUCIO_RSE_PATH_BEGINS_AT": "four", "SWAN_USE_RUCIO": "no", "RUCIO_CATALOG_MODE": "teleport"}],
    indirect=True,
)
async def test_malformed_values_are_ignored(session_env, jp_fetch):
    config = await fetch_config(jp_fetch)

    assert config["rsePathBeginsAt"] is None
    assert config["useRucio"] is False
    assert config["mode"] == "download"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", ("config",), None),
        ("POST", ("paths",), "{}"),
        ("POST", ("state",), "{}"),
        ("GET", ("downloads",), None),
        ("POST", ("downloads",), "{}"),
        ("POST", ("rules",), "{}"),
        ("DELETE", ("downloads", "j0123456789abcdef"), None),
    ],
)
async def test_every_route_requires_an_authenticated_user(jp_fetch, method, path, body):
    response = await jp_fetch(
        "rucio-catalog", *path, method=method, body=body, headers={"Authorization": ""}, raise_error=False
    )
    assert response.code == 403
