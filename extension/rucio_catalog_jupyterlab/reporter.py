"""Reports a download's progress to the portal that asked for it.

Contract (portal side, Staging issue): PATCH <progressUrl> with `Authorization: Bearer <token>` (a
short-lived token scoped to that one staging request) and JSON
{state, filesDone, filesTotal, bytesDone, bytesTotal, error?}. Reporting never stops a download: a
failed report is logged; a refused token (401/403/404/410) ends reporting for the job.
"""

from __future__ import annotations

import logging
import time
from typing import Callable

import requests

_GIVE_UP_STATUSES = {401, 403, 404, 410}
_TERMINAL = {"done", "failed", "cancelled"}
_ERROR_LIMIT = 256  # the portal's (protocol's) limit for error text


class PortalProgressReporter:
    def __init__(
        self,
        url: str,
        token: str,
        *,
        min_interval: float = 1.0,
        timeout: float = 10.0,
        logger: logging.Logger | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = url
        self.min_interval = min_interval
        self.timeout = timeout
        self.log = logger or logging.getLogger(__name__)
        self.clock = clock
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.enabled = True
        self._last_sent_at: float | None = None
        self._last_state: str | None = None

    def report(self, state: str, counts: dict[str, int], error: str | None = None, force: bool = False) -> bool:
        """Sends the progress unless one was sent less than min_interval ago in the same state.

        State changes, terminal states and forced reports always go out; a terminal report is retried.
        Returns whether the portal accepted this report.
        """
        if not self.enabled:
            return False
        now = self.clock()
        state_changed = state != self._last_state
        throttled = self._last_sent_at is not None and now - self._last_sent_at < self.min_interval
        if not (state_changed or force) and throttled:
            return False
        body: dict[str, object] = {"state": state, **counts}
        if error:
            body["error"] = error if len(error) <= _ERROR_LIMIT else error[: _ERROR_LIMIT - 1] + "…"
        attempts = 3 if state in _TERMINAL else 1
        for attempt in range(attempts):
            if self._send(body):
                self._last_sent_at = now
                self._last_state = state
                return True
            if not self.enabled:
                return False
            if attempt + 1 < attempts:
                time.sleep(0.5 * (attempt + 1))
        return False

    def _send(self, body: dict[str, object]) -> bool:
        try:
            response = self.session.patch(self.url, json=body, timeout=self.timeout)
        except requests.RequestException as error:
            self.log.warning("progress report to %s failed: %s", self.url, error)
            return False
        if response.ok:
            return True
        if response.status_code in _GIVE_UP_STATUSES:
            self.log.warning(
                "portal refused the progress report (HTTP %s); no more reports for this job", response.status_code
            )
            self.enabled = False
        else:
            self.log.warning("progress report got HTTP %s: %s", response.status_code, response.text[:200])
        return False
