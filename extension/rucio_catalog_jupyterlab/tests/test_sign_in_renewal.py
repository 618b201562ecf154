"""When the server renews the panel's portal sign-in (the renewal itself runs against the real portal and
Rucio in portal/server/auth/sign-in-renewal.int.test.ts)."""

from __future__ import annotations

import logging
from datetime import datetime, timezone

from rucio_catalog_jupyterlab import sign_in_renewal
from rucio_catalog_jupyterlab.sign_in_renewal import RenewalFailed, SignInRenewer

PORTAL = "http://127.0.0.1:3000"


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).isoformat().replace("+00:00", "Z")


def renewer_with(monkeypatch, answers: list) -> tuple[SignInRenewer, Clock, list[str]]:  # noqa: ANN001
    clock, presented = Clock(), []

    def present(origin: str, token: str, instance: str | None) -> dict[str, object]:
        presented.append(origin)
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer(clock.now) if callable(answer) else answer

    monkeypatch.setattr(sign_in_renewal, "new_rucio_token", lambda _connection: "token")
    monkeypatch.setattr(sign_in_renewal, "present_token", present)
    renewer = SignInRenewer(lambda: None, "default", logging.getLogger("test"), clock)  # type: ignore[arg-type]
    return renewer, clock, presented


def test_renews_at_once_after_a_sign_in_then_at_half_the_tokens_lifetime(monkeypatch):
    lasts_an_hour = lambda now: {"renewed": 1, "tokenExpiresAt": iso(now + 3600)}  # noqa: E731
    renewer, clock, presented = renewer_with(monkeypatch, [lasts_an_hour, lasts_an_hour])
    renewer.renew_due()
    assert presented == []
    renewer.signed_in(PORTAL)
    renewer.renew_due()
    assert presented == [PORTAL]
    clock.now += 1799
    renewer.renew_due()
    assert presented == [PORTAL]
    clock.now += 2
    renewer.renew_due()
    assert presented == [PORTAL, PORTAL]


def test_retries_soon_after_a_failure_and_stops_once_the_user_signed_out(monkeypatch):
    renewer, clock, presented = renewer_with(monkeypatch, [RenewalFailed("down"), {"renewed": 0}])
    renewer.signed_in(PORTAL)
    renewer.renew_due()
    clock.now += sign_in_renewal.RETRY_SECONDS
    renewer.renew_due()
    assert presented == [PORTAL, PORTAL]
    assert renewer.portals == []
    clock.now += 10_000
    renewer.renew_due()
    assert presented == [PORTAL, PORTAL]
