"""The routes' one error path: the extension's errors with their status and text, anything else as a bare 500."""

from __future__ import annotations

import json

import pytest
from rucio.common.exception import DataIdentifierNotFound

from rucio_catalog_jupyterlab.downloads import DownloadManager
from rucio_catalog_jupyterlab.handlers import UNEXPECTED_ERROR_MESSAGE

SECRET = "/home/jdoe/.rucio/token rucio_password=hunter2"
# A sync verb and an async one, both of which list the downloads before anything else can fail.
LISTING_ROUTES = [
    ("GET", ("downloads",), None),
    ("POST", ("state",), json.dumps({"datasets": [{"scope": "data18_13TeV", "name": "ds"}]})),
]


async def fetch(jp_fetch, method: str, path: tuple[str, ...], body: str | None):  # noqa: ANN001
    response = await jp_fetch("rucio-catalog", *path, method=method, body=body, raise_error=False)
    return response, json.loads(response.body)


def make_listing_raise(monkeypatch, error: Exception) -> None:  # noqa: ANN001
    def fail(_self: DownloadManager) -> list[dict[str, object]]:
        raise error

    monkeypatch.setattr(DownloadManager, "list", fail)


@pytest.mark.parametrize(("method", "path", "body"), LISTING_ROUTES)
async def test_an_unexpected_exception_is_a_500_that_tells_nothing_of_its_cause(
    jp_fetch, monkeypatch, method, path, body  # noqa: ANN001
):
    make_listing_raise(monkeypatch, RuntimeError(SECRET))

    response, reply = await fetch(jp_fetch, method, path, body)

    assert response.code == 500
    assert reply == {"message": UNEXPECTED_ERROR_MESSAGE}
    assert "hunter2" not in response.body.decode()
    assert "RuntimeError" not in response.body.decode()


@pytest.mark.parametrize(("method", "path", "body"), LISTING_ROUTES)
async def test_a_rucio_error_is_a_502_with_rucios_words(jp_fetch, monkeypatch, method, path, body):  # noqa: ANN001
    make_listing_raise(monkeypatch, DataIdentifierNotFound("Data identifier 'data18_13TeV:ds' not found"))

    response, reply = await fetch(jp_fetch, method, path, body)

    assert response.code == 502
    assert reply == {"message": "Data identifier not found. Details: Data identifier 'data18_13TeV:ds' not found"}


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("POST", ("paths",), "[1, 2]", 400),
        ("POST", ("paths",), json.dumps({"dataset": {"scope": "data18_13TeV", "name": "ds"}}), 409),
        ("GET", ("downloads", "j0123456789abcdef"), None, 404),
    ],
)
async def test_error_answers_are_json_and_never_cached(jp_fetch, method, path, body, status):  # noqa: ANN001
    response, reply = await fetch(jp_fetch, method, path, body)

    assert response.code == status
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.headers["Cache-Control"] == "no-store"
    assert set(reply) == {"message"} and reply["message"]
