import json

import pytest

SESSION_VARIABLES = (
    "RUCIO_CATALOG_PORTAL_URL",
    "RUCIO_CATALOG_ALLOWED_ORIGIN",
    "SWAN_USE_RUCIO",
    "SWAN_RUCIO_INSTANCE",
    "SWAN_RUCIO_RSE",
    "SWAN_RUCIO_RSE_PATH",
    "SWAN_RUCIO_RSE_PATH_BEGINS_AT",
)


@pytest.fixture
def jp_server_config(request):
    """Enables the extension; a test may add traitlets config through indirect parametrization."""
    config = {"ServerApp": {"jpserver_extensions": {"rucio_catalog_jupyterlab": True}}}
    config.update(getattr(request, "param", {}))
    return config


@pytest.fixture(autouse=True)
def clean_session_environment(monkeypatch):
    # The server reads these lazily, on the first request, so tests may set them before fetching.
    for name in SESSION_VARIABLES:
        monkeypatch.delenv(name, raising=False)


async def fetch_config(jp_fetch) -> dict:
    response = await jp_fetch("rucio-catalog", "config")
    assert response.code == 200
    assert response.headers["Cache-Control"] == "no-store"
    return json.loads(response.body)


async def test_nothing_configured_gives_empty_settings(jp_fetch):
    assert await fetch_config(jp_fetch) == {
        "portalUrl": None,
        "allowedOrigin": None,
        "useRucio": False,
        "rucioInstance": None,
        "destinationRse": None,
        "rseMountPath": None,
        "rsePathBeginsAt": None,
    }


async def test_swan_session_variables_are_presets(jp_fetch, monkeypatch):
    monkeypatch.setenv("RUCIO_CATALOG_PORTAL_URL", "https://catalog.example.org")
    monkeypatch.setenv("SWAN_USE_RUCIO", "true")
    monkeypatch.setenv("SWAN_RUCIO_INSTANCE", "atlas")
    monkeypatch.setenv("SWAN_RUCIO_RSE", "CERN-PROD_SWAN")
    monkeypatch.setenv("SWAN_RUCIO_RSE_PATH", "/eos/atlas/rucio")
    monkeypatch.setenv("SWAN_RUCIO_RSE_PATH_BEGINS_AT", "4")

    config = await fetch_config(jp_fetch)

    assert config["portalUrl"] == "https://catalog.example.org"
    assert config["useRucio"] is True
    assert config["rucioInstance"] == "atlas"
    assert config["destinationRse"] == "CERN-PROD_SWAN"
    assert config["rseMountPath"] == "/eos/atlas/rucio"
    assert config["rsePathBeginsAt"] == 4


@pytest.mark.parametrize(
    "jp_server_config",
    [{"RucioCatalog": {"portal_url": "https://from-config.example.org", "rse_path_begins_at": 2}}],
    indirect=True,
)
async def test_traitlets_config_wins_over_environment(jp_fetch, monkeypatch):
    monkeypatch.setenv("RUCIO_CATALOG_PORTAL_URL", "https://from-env.example.org")
    monkeypatch.setenv("SWAN_RUCIO_RSE_PATH_BEGINS_AT", "4")

    config = await fetch_config(jp_fetch)

    assert config["portalUrl"] == "https://from-config.example.org"
    assert config["rsePathBeginsAt"] == 2


async def test_malformed_path_offset_is_ignored(jp_fetch, monkeypatch):
    monkeypatch.setenv("SWAN_RUCIO_RSE_PATH_BEGINS_AT", "four")
    monkeypatch.setenv("SWAN_USE_RUCIO", "no")

    config = await fetch_config(jp_fetch)

    assert config["rsePathBeginsAt"] is None
    assert config["useRucio"] is False


async def test_requires_an_authenticated_user(jp_fetch):
    response = await jp_fetch("rucio-catalog", "config", headers={"Authorization": ""}, raise_error=False)
    assert response.code == 403
