"""Server-side settings of the extension: traitlets config first, then the session environment.

SWAN's spawner exports SWAN_USE_RUCIO, SWAN_RUCIO_INSTANCE, SWAN_RUCIO_RSE, SWAN_RUCIO_RSE_PATH and
SWAN_RUCIO_RSE_PATH_BEGINS_AT into every user session; they become the defaults here, so a SWAN
deployment needs no extra configuration, while `c.RucioCatalog.<trait>` in a jupyter_server config
file still wins.
"""

from __future__ import annotations

import os

from traitlets import Bool, Int, Unicode, default
from traitlets.config import LoggingConfigurable

_TRUE_WORDS = {"1", "true", "yes", "on"}


def _env(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


class RucioCatalog(LoggingConfigurable):
    """Where the portal is and how Rucio storage appears inside this Jupyter session."""

    portal_url = Unicode(
        None, allow_none=True, config=True, help="URL of the Rucio Catalog portal (env RUCIO_CATALOG_PORTAL_URL)."
    )
    allowed_origin = Unicode(
        None,
        allow_none=True,
        config=True,
        help="Origin the panel accepts portal messages from (env RUCIO_CATALOG_ALLOWED_ORIGIN).",
    )
    use_rucio = Bool(config=True, help="Whether Rucio is enabled for this session (env SWAN_USE_RUCIO).")
    rucio_instance = Unicode(
        None, allow_none=True, config=True, help="Rucio instance name (env SWAN_RUCIO_INSTANCE)."
    )
    destination_rse = Unicode(
        None, allow_none=True, config=True, help="RSE mounted in this session (env SWAN_RUCIO_RSE)."
    )
    rse_mount_path = Unicode(
        None, allow_none=True, config=True, help="Local path where that RSE is mounted (env SWAN_RUCIO_RSE_PATH)."
    )
    rse_path_begins_at = Int(
        None,
        allow_none=True,
        config=True,
        help="Number of leading PFN path components to drop before appending the rest to rse_mount_path "
        "(env SWAN_RUCIO_RSE_PATH_BEGINS_AT).",
    )

    @default("portal_url")
    def _portal_url_from_env(self) -> str | None:
        return _env("RUCIO_CATALOG_PORTAL_URL")

    @default("allowed_origin")
    def _allowed_origin_from_env(self) -> str | None:
        return _env("RUCIO_CATALOG_ALLOWED_ORIGIN")

    @default("use_rucio")
    def _use_rucio_from_env(self) -> bool:
        return (_env("SWAN_USE_RUCIO") or "").lower() in _TRUE_WORDS

    @default("rucio_instance")
    def _rucio_instance_from_env(self) -> str | None:
        return _env("SWAN_RUCIO_INSTANCE")

    @default("destination_rse")
    def _destination_rse_from_env(self) -> str | None:
        return _env("SWAN_RUCIO_RSE")

    @default("rse_mount_path")
    def _rse_mount_path_from_env(self) -> str | None:
        return _env("SWAN_RUCIO_RSE_PATH")

    @default("rse_path_begins_at")
    def _rse_path_begins_at_from_env(self) -> int | None:
        raw = _env("SWAN_RUCIO_RSE_PATH_BEGINS_AT")
        if raw is None:
            return None
        try:
            return int(raw)
        except ValueError:
            # A malformed session variable must not stop the Jupyter server from starting.
            self.log.warning("rucio_catalog_jupyterlab: ignoring SWAN_RUCIO_RSE_PATH_BEGINS_AT=%r", raw)
            return None

    def as_json(self) -> dict[str, object]:
        """The shape GET /rucio-catalog/config returns (camelCase, as the frontend reads it)."""
        return {
            "portalUrl": self.portal_url,
            "allowedOrigin": self.allowed_origin,
            "useRucio": self.use_rucio,
            "rucioInstance": self.rucio_instance,
            "destinationRse": self.destination_rse,
            "rseMountPath": self.rse_mount_path,
            "rsePathBeginsAt": self.rse_path_begins_at,
        }
