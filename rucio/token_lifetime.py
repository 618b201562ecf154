"""Shortens the lifetime of the Rucio tokens one userpass identity is issued, for tests of token renewal.

Rucio has no setting for it: a token's expiry is the `tokens.expired_at` column's default, one hour
(rucio/db/sqla/models.py), and /auth/validate and every request read that column. A database trigger on
the local Rucio (SQLite) sets `expired_at` of the named identity's new tokens to SECONDS from now; tokens
of every other identity, and so every other suite, keep Rucio's hour. The identity is added to the account
as a second userpass identity of it, so its tokens act as that account.

    token_lifetime.py on IDENTITY PASSWORD ACCOUNT SECONDS
    token_lifetime.py off
"""

import hashlib
import os
import sys

from sqlalchemy import text

TRIGGER = "rucio_catalog_short_tokens"


def engine():
    from rucio.db.sqla.session import get_engine

    chosen = get_engine()
    if chosen.dialect.name != "sqlite":
        sys.exit(f"token_lifetime.py supports the local Rucio on SQLite only, not {chosen.dialect.name}")
    return chosen


def add_identity(identity: str, password: str, account: str) -> None:
    """The identity, associated with the account, with this password (Rucio's core API cannot change a
    password, and deleting an identity only marks it deleted: the hash is set the way Rucio makes it)."""
    from rucio.common.exception import Duplicate
    from rucio.common.types import InternalAccount
    from rucio.core.identity import add_account_identity
    from rucio.db.sqla.constants import IdentityType

    try:
        add_account_identity(
            identity, IdentityType.USERPASS, InternalAccount(account), f"{identity}@rucio-catalog.local", password=password
        )
    except Duplicate:
        pass
    salt = os.urandom(255)
    with engine().begin() as connection:
        connection.execute(
            text("UPDATE identities SET salt = :salt, password = :hash WHERE identity = :identity AND identity_type = 'USERPASS'"),
            {"salt": salt, "hash": hashlib.sha256(salt + password.encode()).hexdigest(), "identity": identity},
        )


def on(identity: str, password: str, account: str, seconds: int) -> None:
    add_identity(identity, password, account)
    quoted = identity.replace("'", "''")
    with engine().begin() as connection:
        connection.execute(text(f"DROP TRIGGER IF EXISTS {TRIGGER}"))
        # SQLAlchemy stores DATETIME on SQLite as 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC, as Rucio uses it).
        connection.execute(
            text(
                f"CREATE TRIGGER {TRIGGER} AFTER INSERT ON tokens WHEN NEW.identity = '{quoted}' BEGIN "
                f"UPDATE tokens SET expired_at = datetime('now', '+{int(seconds)} seconds') || '.000000' "
                "WHERE token = NEW.token; END"
            )
        )


def off() -> None:
    with engine().begin() as connection:
        connection.execute(text(f"DROP TRIGGER IF EXISTS {TRIGGER}"))


if __name__ == "__main__":
    if sys.argv[1:2] == ["on"] and len(sys.argv) == 6:
        on(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    elif sys.argv[1:] == ["off"]:
        off()
    else:
        sys.exit(__doc__)
