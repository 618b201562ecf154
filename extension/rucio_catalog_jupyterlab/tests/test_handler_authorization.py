"""Every route asks the server's Authorizer, with resources an operator can grant separately."""

from __future__ import annotations

import pytest
from jupyter_server.auth.authorizer import Authorizer

ROUTES = [
    ("GET", ("config",), None),
    ("POST", ("paths",), "{}"),
    ("POST", ("state",), "{}"),
    ("POST", ("local",), "{}"),
    ("GET", ("downloads",), None),
    ("POST", ("downloads",), "{}"),
    ("GET", ("downloads", "j0123456789abcdef"), None),
    ("DELETE", ("downloads", "j0123456789abcdef"), None),
    ("POST", ("rules",), "{}"),
    ("POST", ("portal-sign-in",), "{}"),
]


class DenyAllAuthorizer(Authorizer):
    def is_authorized(self, handler, user, action, resource) -> bool:  # noqa: ANN001
        return False


class ReadOnlyAuthorizer(Authorizer):
    """A read-only collaborator on a shared server."""

    def is_authorized(self, handler, user, action, resource) -> bool:  # noqa: ANN001
        return action == "read"


class NoPortalSignInAuthorizer(Authorizer):
    """An operator who lets users stage but not sign the panel in as the server's Rucio user."""

    def is_authorized(self, handler, user, action, resource) -> bool:  # noqa: ANN001
        return resource != "rucio_catalog_portal_sign_in"


def server_config(authorizer: type[Authorizer], state_dir) -> dict:  # noqa: ANN001
    return {
        "ServerApp": {"jpserver_extensions": {"rucio_catalog_jupyterlab": True}, "authorizer_class": authorizer},
        "RucioCatalog": {"state_dir": str(state_dir), "portal_url": "http://127.0.0.1:1"},
    }


async def status_of(jp_fetch, method: str, path: tuple[str, ...], body: str | None) -> int:  # noqa: ANN001
    response = await jp_fetch("rucio-catalog", *path, method=method, body=body, raise_error=False)
    return response.code


class TestDenyAll:
    @pytest.fixture
    def jp_server_config(self, state_dir):  # noqa: ANN001
        return server_config(DenyAllAuthorizer, state_dir)

    @pytest.mark.parametrize(("method", "path", "body"), ROUTES)
    async def test_every_route_is_forbidden(self, jp_fetch, method, path, body):  # noqa: ANN001
        assert await status_of(jp_fetch, method, path, body) == 403


class TestReadOnly:
    @pytest.fixture
    def jp_server_config(self, state_dir):  # noqa: ANN001
        return server_config(ReadOnlyAuthorizer, state_dir)

    @pytest.mark.parametrize(
        ("method", "path", "body", "status"),
        [
            ("GET", ("config",), None, 200),
            ("POST", ("paths",), "{}", 400),  # allowed, then refused for its empty body
            ("POST", ("state",), "{}", 400),
            ("POST", ("local",), "{}", 400),
            ("GET", ("downloads",), None, 200),
            ("GET", ("downloads", "j0123456789abcdef"), None, 404),
            ("POST", ("downloads",), "{}", 403),
            ("DELETE", ("downloads", "j0123456789abcdef"), None, 403),
            ("POST", ("rules",), "{}", 403),
            ("POST", ("portal-sign-in",), "{}", 403),
        ],
    )
    async def test_may_look_but_not_stage_nor_sign_in(self, jp_fetch, method, path, body, status):  # noqa: ANN001
        assert await status_of(jp_fetch, method, path, body) == status


class TestNoPortalSignIn:
    @pytest.fixture
    def jp_server_config(self, state_dir):  # noqa: ANN001
        return server_config(NoPortalSignInAuthorizer, state_dir)

    async def test_only_the_portal_sign_in_is_forbidden(self, jp_fetch):  # noqa: ANN001
        assert await status_of(jp_fetch, "POST", ("portal-sign-in",), "{}") == 403
        assert await status_of(jp_fetch, "POST", ("rules",), "{}") == 400
        assert await status_of(jp_fetch, "GET", ("config",), None) == 200
