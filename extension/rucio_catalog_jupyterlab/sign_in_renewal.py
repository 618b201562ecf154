"""Keeps the panel's portal sign-in alive as long as this server runs.

An embed sign-in hands the portal a Rucio token that expires (an hour for userpass). Before it does, this
server obtains a fresh token with its own credentials (a new userpass token, or the token file SWAN
renews) and presents it to the portal (POST /api/embed/renewals); the portal checks it with Rucio and
puts it into the user's live embed sign-ins. The timer lives here, not in the panel: a browser throttles
or freezes timers of background tabs, a staging goes on when the tab is closed, and one server may have
several panels open. The token never passes through the browser.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable

import requests

from .rucio_access import RucioConnection

_TIMEOUT_SECONDS = 20
# Renew when this share of the token's remaining lifetime has passed, and not more often than every
# MIN_INTERVAL_SECONDS; after a failure, try again RETRY_SECONDS later (the old token may still work).
_RENEW_AT_SHARE = 0.5
MIN_INTERVAL_SECONDS = 5.0
RETRY_SECONDS = 5.0


class RenewalFailed(Exception):
    pass


def new_rucio_token(connection: RucioConnection) -> str:
    """A token Rucio has just issued (userpass) or the one the token file holds now.

    The rucio client reuses the token it cached on disk until Rucio refuses it, which may be moments
    from expiring; dropping the cache makes it ask Rucio for a new one."""
    client = connection.client()
    if connection.auth_type == "userpass":
        with contextlib.suppress(FileNotFoundError):
            os.remove(client.token_file)
        client = connection.client()
    return client.auth_token


def present_token(portal: str, rucio_token: str, instance: str | None) -> dict[str, object]:
    """POST <portal>/api/embed/renewals (portal: its origin and path prefix); the portal's answer
    {account, tokenExpiresAt, renewed}. Raises RenewalFailed."""
    body: dict[str, object] = {"rucioToken": rucio_token}
    if instance:
        body["instance"] = instance
    try:
        response = requests.post(
            f"{portal}/api/embed/renewals", json=body, timeout=_TIMEOUT_SECONDS, allow_redirects=False
        )
        answer = response.json()
    except (requests.RequestException, ValueError) as error:
        raise RenewalFailed(f"the portal at {portal} did not take the renewed token: {error}") from error
    if response.status_code != 200 or not isinstance(answer.get("renewed"), int):
        raise RenewalFailed(f"the portal at {portal} refused the renewed token (HTTP {response.status_code})")
    return answer


def _epoch(iso: object) -> float | None:
    from datetime import datetime

    if not isinstance(iso, str):
        return None
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


class SignInRenewer:
    """The portals this server signed its user in to, and when each one's token is to be renewed."""

    def __init__(
        self,
        connection: Callable[[], RucioConnection],
        instance: str | None,
        log,  # noqa: ANN001 - logging.Logger
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._connection = connection
        self._instance = instance
        self._log = log
        self._clock = clock
        self._due: dict[str, float] = {}

    def signed_in(self, portal: str) -> None:
        """An embed sign-in to this portal (its origin and path prefix) succeeded: renew at once (the token
        it used may be an old cached one), which also tells when the next renewal is due."""
        self._due[portal] = self._clock()

    @property
    def portals(self) -> list[str]:
        return sorted(self._due)

    def renew_due(self) -> None:
        """Renews every portal whose time has come (blocking: run it in a thread)."""
        now = self._clock()
        due = [origin for origin, at in self._due.items() if at <= now]
        if not due:
            return
        try:
            token = new_rucio_token(self._connection())
        except Exception as error:  # noqa: BLE001 - Rucio down or credentials gone: the old token may still work
            self._log.warning("rucio_catalog_jupyterlab: cannot renew the Rucio token: %s", error)
            for origin in due:
                self._due[origin] = now + RETRY_SECONDS
            return
        for origin in due:
            self._renew(origin, token, now)

    def _renew(self, origin: str, token: str, now: float) -> None:
        try:
            answer = present_token(origin, token, self._instance)
        except RenewalFailed as error:
            self._log.warning("rucio_catalog_jupyterlab: %s", error)
            self._due[origin] = now + RETRY_SECONDS
            return
        if answer["renewed"] == 0:  # signed out there: renew again after the next sign-in
            del self._due[origin]
            return
        expires = _epoch(answer.get("tokenExpiresAt")) or now
        self._due[origin] = now + max(MIN_INTERVAL_SECONDS, (expires - now) * _RENEW_AT_SHARE)
