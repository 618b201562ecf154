"""Rucio clients built from the server configuration, never from anything the browser sends.

Two ways to authenticate: userpass (username/password/account), or a bearer token in a file that
something else renews (SWAN renews OIDC tokens into files). rucio-clients reads such a file through
WLCG token discovery (BEARER_TOKEN_FILE) when auth_type is "oidc".
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass

from .config import RucioCatalog


class RucioNotConfigured(Exception):
    pass


@dataclass(frozen=True)
class RucioConnection:
    host: str
    auth_host: str
    account: str | None
    username: str | None = None
    password: str | None = None
    token_file: str | None = None

    @classmethod
    def from_config(cls, config: RucioCatalog) -> RucioConnection:
        # Each field comes from the trait of the same name with a rucio_ prefix: host from rucio_host, ...
        return cls.checked({key: getattr(config, f"rucio_{key}") for key in cls.__dataclass_fields__})

    @classmethod
    def from_dict(cls, raw: dict[str, object]) -> RucioConnection:
        if "error" in raw:  # the server could not build a connection; say why
            raise RucioNotConfigured(str(raw["error"]))
        return cls.checked({key: raw.get(key) for key in cls.__dataclass_fields__})

    @classmethod
    def checked(cls, fields: dict[str, object]) -> RucioConnection:
        connection = cls(**fields)  # type: ignore[arg-type]
        connection.check()
        return connection

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @property
    def auth_type(self) -> str:
        return "oidc" if self.token_file else "userpass"

    def check(self) -> None:
        if self.token_file:
            if not self.account:
                raise RucioNotConfigured("a token file needs RucioCatalog.rucio_account (or RUCIO_ACCOUNT)")
            return
        if not (self.username and self.password):
            raise RucioNotConfigured(
                "no Rucio credentials on the Jupyter server: set RucioCatalog.rucio_username/rucio_password "
                "(or RUCIO_USERNAME/RUCIO_PASSWORD), or RucioCatalog.rucio_token_file"
            )

    def client(self):  # noqa: ANN201 - rucio.client.Client, imported lazily (it is slow to import)
        from rucio.client import Client

        if self.token_file:
            # rucio-clients' WLCG token discovery reads the file again for every new client.
            os.environ["BEARER_TOKEN_FILE"] = self.token_file
            return Client(rucio_host=self.host, auth_host=self.auth_host, account=self.account, auth_type="oidc")
        return Client(
            rucio_host=self.host,
            auth_host=self.auth_host,
            account=self.account,
            auth_type="userpass",
            creds={"username": self.username, "password": self.password},
        )


def rucio_error_text(error: BaseException) -> str:
    """Rucio's own message for an error (its exceptions carry it as their text), one line."""
    text = str(error).strip() or type(error).__name__
    return " ".join(text.split())
