"""Embed sign-in through a real jupyter_server and the real local Rucio; the portal's endpoint is a
recording stand-in (the portal's side is tested against the real portal in the e2e suite)."""

from __future__ import annotations

import json

import pytest
import requests

from rucio_catalog_jupyterlab.portal_sign_in import is_portal_path
from rucio_catalog_jupyterlab.tests.conftest import REPO, RUCIO_HOST
from rucio_catalog_jupyterlab.tests.fake_portal import SignInPortal

JDOE = {"rucio_host": RUCIO_HOST, "rucio_username": "jdoe", "rucio_password": "jdoe-secret", "rucio_instance": "default"}
with_jdoe = pytest.mark.parametrize("jp_server_config", [JDOE], indirect=True)
# What the panel sends: the base64url SHA-256 of the nonce it keeps.
NONCE_HASH = "q5Vg3YH4o0sD0ZcQ0n8E0Zk5yq1Fz1cT8n0bJ2mW1xE"


@pytest.fixture
def portal(monkeypatch):
    with SignInPortal() as running:
        # Read when the extension loads, which is after this fixture when it is named before jp_fetch.
        monkeypatch.setenv("RUCIO_CATALOG_TRUSTED_PORTALS", f"https://elsewhere.example, {running.origin}")
        # The renewals that follow a sign-in are tested against the real portal (sign-in-renewal.int.test.ts).
        monkeypatch.setenv("RUCIO_CATALOG_RENEW_SIGN_IN", "false")
        yield running


async def sign_in(jp_fetch, body: dict):
    response = await jp_fetch("rucio-catalog", "portal-sign-in", method="POST", body=json.dumps(body), raise_error=False)
    return response.code, json.loads(response.body)


@with_jdoe
async def test_presents_jdoes_rucio_token_to_a_configured_portal_and_answers_the_start_url(portal, rucio_up, jp_fetch):
    code, body = await sign_in(jp_fetch, {"portalUrl": f"{portal.origin}/search?q=x", "next": "/search?q=x", "frameNonceHash": NONCE_HASH})
    assert code == 200, body
    assert body == {"url": f"{portal.origin}/embed/start?code={SignInPortal.CODE}&next=%2F"}
    [request] = portal.requests
    assert request["path"] == "/api/embed/sign-ins"
    assert request["body"]["next"] == "/search?q=x"
    assert request["body"]["instance"] == "default"
    assert request["body"]["frameNonceHash"] == NONCE_HASH
    whoami = requests.get(f"{RUCIO_HOST}/accounts/whoami", headers={"X-Rucio-Auth-Token": request["body"]["rucioToken"]}, timeout=10)
    assert whoami.json()["account"] == "jdoe"


@with_jdoe
async def test_never_sends_the_token_to_a_portal_this_server_does_not_know(portal, rucio_up, jp_fetch):
    for body in (
        {"portalUrl": "http://127.0.0.1:1"},
        {"portalUrl": "javascript:alert(1)"},
        {"portalUrl": 42},
        {"portalUrl": portal.origin, "next": "//evil.example/"},
        {"portalUrl": portal.origin, "next": "https://evil.example/"},
        {"portalUrl": portal.origin, "next": "/.//evil.example"},
    ):
        code, answer = await sign_in(jp_fetch, body)
        assert code == 400, body
        assert answer["message"]
    assert portal.requests == []


@with_jdoe
async def test_sends_nothing_without_the_hash_of_the_panels_nonce(portal, rucio_up, jp_fetch):
    for frame_nonce_hash in (None, "", "short", NONCE_HASH + "=", NONCE_HASH[:-1] + "/", 42):
        body = {"portalUrl": portal.origin, **({} if frame_nonce_hash is None else {"frameNonceHash": frame_nonce_hash})}
        code, answer = await sign_in(jp_fetch, body)
        assert code == 400, body
        assert "frameNonceHash" in answer["message"]
    assert portal.requests == []


@with_jdoe
async def test_passes_the_portals_refusal_on(portal, rucio_up, jp_fetch):
    portal.refusal = (401, 'Rucio instance "default" does not accept this token')
    code, answer = await sign_in(jp_fetch, {"portalUrl": portal.origin, "frameNonceHash": NONCE_HASH})
    assert code == 502
    assert "does not accept this token" in answer["message"]


@pytest.mark.parametrize("jp_server_config", [{**JDOE, "embed_sign_in": False}], indirect=True)
async def test_can_be_turned_off(portal, rucio_up, jp_fetch):
    code, answer = await sign_in(jp_fetch, {"portalUrl": portal.origin})
    assert code == 409
    assert "turned off" in answer["message"]
    assert portal.requests == []


# Shared with the portal's safeCallbackPath tests, plus values only Python can be handed.
OFF_PORTAL = [
    *json.loads((REPO / "protocol" / "test-vectors" / "off-portal-paths.json").read_text(encoding="utf-8"))["offPortal"],
    None,
    42,
    "/" + "x" * 2048,
]


@pytest.mark.parametrize("value", OFF_PORTAL)
def test_next_must_stay_a_path_of_the_portal(value):
    assert not is_portal_path(value)


@pytest.mark.parametrize(
    "value",
    [
        "/",
        "/search?q=DAOD_PHYS&page=2",
        "/datasets/cms_run2/%2FEGamma%2FRun2018A-UL2018%2FMINIAOD",
        "/stagings/abc#files",
        "/search?next=//evil.example",
        "/@evil.example",
    ],
)
def test_next_may_be_any_path_of_the_portal(value):
    assert is_portal_path(value)


def _config(**values):
    from rucio_catalog_jupyterlab.config import RucioCatalog

    return RucioCatalog(**values)


def _request(portal_url: str, next_path: str) -> dict[str, object]:
    return {"portalUrl": portal_url, "next": next_path, "frameNonceHash": "a" * 43}


def test_a_portal_under_a_path_prefix_is_asked_under_it_with_next_below_it():
    from rucio_catalog_jupyterlab.portal_sign_in import parse_sign_in_request

    config = _config(portal_url="http://hub.example:8000/services/rucio-catalog/")
    target = parse_sign_in_request(
        _request("http://hub.example:8000/services/rucio-catalog/search?q=x", "/services/rucio-catalog/search?q=x"),
        config,
    )
    assert (target.portal_origin, target.base_path, target.next_path) == (
        "http://hub.example:8000",
        "/services/rucio-catalog",
        "/search?q=x",
    )
    home = parse_sign_in_request(_request("http://hub.example:8000/services/rucio-catalog", "/services/rucio-catalog"), config)
    assert home.next_path == "/"


def test_next_outside_the_portals_prefix_is_refused():
    from rucio_catalog_jupyterlab.portal_sign_in import parse_sign_in_request
    from rucio_catalog_jupyterlab.requests_validation import BadRequest

    config = _config(portal_url="http://hub.example:8000/services/rucio-catalog")
    with pytest.raises(BadRequest, match="prefix"):
        parse_sign_in_request(_request("http://hub.example:8000/services/rucio-catalog/", "/hub/home"), config)


def test_a_portal_at_the_root_keeps_next_as_is():
    from rucio_catalog_jupyterlab.portal_sign_in import parse_sign_in_request

    target = parse_sign_in_request(_request("http://127.0.0.1:3000/search", "/search"), _config(portal_url="http://127.0.0.1:3000"))
    assert (target.base_path, target.next_path) == ("", "/search")
