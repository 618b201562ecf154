"""The server extension accepts exactly the DIDs the rest of the product does: the shared vectors."""

from __future__ import annotations

import json

import pytest

from rucio_catalog_jupyterlab.did_rules import name_refusal, scope_refusal
from rucio_catalog_jupyterlab.requests_validation import BadRequest, parse_dataset
from rucio_catalog_jupyterlab.tests.conftest import REPO

VECTORS = json.loads((REPO / "protocol" / "test-vectors" / "did-refs.json").read_text(encoding="utf-8"))


def short(pair: list[str]) -> str:
    return repr(pair)[:60]


def test_the_vectors_are_there():
    assert len(VECTORS["accept"]) >= 5 and len(VECTORS["refuse"]) >= 10


@pytest.mark.parametrize(("scope", "name"), VECTORS["accept"], ids=short)
def test_accepts(scope: str, name: str):
    assert (scope_refusal(scope), name_refusal(name)) == (None, None)
    dataset = parse_dataset({"scope": scope, "name": name}, None)
    assert (dataset.scope, dataset.name) == (scope, name)


@pytest.mark.parametrize(("scope", "name"), VECTORS["refuse"], ids=short)
def test_refuses(scope: str, name: str):
    assert scope_refusal(scope) or name_refusal(name)
    with pytest.raises(BadRequest, match="invalid (scope|name)"):
        parse_dataset({"scope": scope, "name": name}, None)


@pytest.mark.parametrize("scope", [None, 42, ["s"], "s\n"])
def test_refuses_scopes_that_are_not_plain_strings(scope: object):
    with pytest.raises(BadRequest, match="invalid scope"):
        parse_dataset({"scope": scope, "name": "n"}, None)


@pytest.mark.parametrize("instance", ["default\n", "-x", "a b"])
def test_refuses_malformed_instances(instance: str):
    with pytest.raises(BadRequest, match="invalid instance"):
        parse_dataset({"scope": "s", "name": "n", "instance": instance}, None)
