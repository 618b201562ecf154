"""Server-side settings of the extension: traitlets config first, then the session environment.

SWAN's spawner exports SWAN_USE_RUCIO, SWAN_RUCIO_INSTANCE, SWAN_RUCIO_RSE, SWAN_RUCIO_RSE_PATH and
SWAN_RUCIO_RSE_PATH_BEGINS_AT into every user session; they become the defaults here, so a SWAN
deployment needs no extra configuration, while `c.RucioCatalog.<trait>` in a jupyter_server config
file still wins. Rucio credentials stay on the server: `as_json` (what the browser sees) never
includes them.
"""

from __future__ import annotations

import os

from jupyter_core.paths import jupyter_data_dir
from traitlets import Bool, DefaultHandler, Enum, Float, Int, List, Unicode, default
from traitlets.config import LoggingConfigurable

_TRUE_WORDS = {"1", "true", "yes", "on"}
DEFAULT_RUCIO_HOST = "http://127.0.0.1:8080"


def _env(*names: str) -> str | None:
    for name in names:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return None


def _env_default(trait: str, *names: str) -> DefaultHandler:
    """A trait's default: the first of these environment variables that is set, else None."""
    return default(trait)(lambda _self: _env(*names))


def _env_flag_default(trait: str, name: str, *, when_unset: bool = False) -> DefaultHandler:
    """A boolean trait's default: whether the environment variable says true (1, true, yes, on)."""

    def read(_self: object) -> bool:
        value = _env(name)
        return when_unset if value is None else value.lower() in _TRUE_WORDS

    return default(trait)(read)


def _optional_text(help: str) -> Unicode:
    """A text setting that may be left unset (None)."""
    return Unicode(None, allow_none=True, config=True, help=help)


class RucioCatalog(LoggingConfigurable):
    """Where the portal is, how to reach Rucio, and how Rucio storage appears inside this session."""

    portal_url = _optional_text("URL of the Rucio Catalog portal (env RUCIO_CATALOG_PORTAL_URL).")
    allowed_origin = _optional_text("Origin the panel accepts portal messages from (env RUCIO_CATALOG_ALLOWED_ORIGIN).")
    trusted_portals = List(
        Unicode(),
        config=True,
        help="Further portal URLs (besides portal_url) this server may send the user's Rucio token to for "
        "embed sign-in, and download progress to (env RUCIO_CATALOG_TRUSTED_PORTALS, space or comma separated).",
    )
    embed_sign_in = Bool(
        config=True,
        help="Sign the user in to the portal in the panel with this server's Rucio credentials, so the panel "
        "works when the portal is on another site (env RUCIO_CATALOG_EMBED_SIGN_IN, default true).",
    )
    renew_sign_in = Bool(
        config=True,
        help="Before the Rucio token an embed sign-in gave the portal expires, present a fresh one, so the "
        "panel stays signed in while this server runs (env RUCIO_CATALOG_RENEW_SIGN_IN, default true).",
    )
    use_rucio = Bool(config=True, help="Whether Rucio is enabled for this session (env SWAN_USE_RUCIO).")
    rucio_instance = _optional_text("Rucio instance name (env SWAN_RUCIO_INSTANCE).")
    destination_rse = _optional_text("RSE mounted in this session (env SWAN_RUCIO_RSE).")
    rse_mount_path = _optional_text("Local path where that RSE is mounted (env SWAN_RUCIO_RSE_PATH).")
    rse_path_begins_at = Int(
        None,
        allow_none=True,
        config=True,
        help="Number of leading PFN path components to drop before appending the rest to rse_mount_path "
        "(env SWAN_RUCIO_RSE_PATH_BEGINS_AT).",
    )
    mode = Enum(
        ["rule", "download"],
        config=True,
        help="How datasets reach this session: a replication rule to the mounted RSE, or a download "
        "(env RUCIO_CATALOG_MODE; default rule when a destination RSE and mount path are known).",
    )
    download_folder = Unicode(
        config=True,
        help="Folder downloads go to; relative paths are below the server's root_dir "
        "(env RUCIO_CATALOG_DOWNLOAD_FOLDER, default rucio-data).",
    )
    auto_stage = Bool(
        config=True, help="Stage a notebook's missing datasets when it opens (env RUCIO_CATALOG_AUTO_STAGE)."
    )
    rucio_host = Unicode(config=True, help="Rucio REST server (env RUCIO_HOST).")
    rucio_auth_host = Unicode(
        config=True, help="Rucio authentication server (env RUCIO_AUTH_HOST, default rucio_host)."
    )
    rucio_account = _optional_text("Rucio account (env RUCIO_ACCOUNT, default the userpass username).")
    rucio_username = _optional_text("Userpass identity (env RUCIO_USERNAME).")
    rucio_password = _optional_text("Userpass password (env RUCIO_PASSWORD). Never sent to the browser.")
    rucio_token_file = _optional_text(
        "File holding a Rucio-accepted bearer token that something else renews, as SWAN does for OIDC "
        "tokens (env RUCIO_CATALOG_TOKEN_FILE, then BEARER_TOKEN_FILE). Wins over userpass."
    )
    state_dir = Unicode(
        config=True, help="Where download jobs keep their state (default <jupyter data dir>/rucio_catalog)."
    )
    max_parallel_downloads = Int(2, config=True, help="Download jobs that run at the same time.")
    progress_report_interval = Float(
        1.0, config=True, help="Seconds between progress reports to the portal (state changes are sent at once)."
    )

    # Read from the session environment when a trait is first used and no configuration set it.
    _portal_url_from_env = _env_default("portal_url", "RUCIO_CATALOG_PORTAL_URL")
    _allowed_origin_from_env = _env_default("allowed_origin", "RUCIO_CATALOG_ALLOWED_ORIGIN")
    _embed_sign_in_from_env = _env_flag_default("embed_sign_in", "RUCIO_CATALOG_EMBED_SIGN_IN", when_unset=True)
    _renew_sign_in_from_env = _env_flag_default("renew_sign_in", "RUCIO_CATALOG_RENEW_SIGN_IN", when_unset=True)
    _use_rucio_from_env = _env_flag_default("use_rucio", "SWAN_USE_RUCIO")
    _rucio_instance_from_env = _env_default("rucio_instance", "SWAN_RUCIO_INSTANCE")
    _destination_rse_from_env = _env_default("destination_rse", "SWAN_RUCIO_RSE")
    _rse_mount_path_from_env = _env_default("rse_mount_path", "SWAN_RUCIO_RSE_PATH")
    _auto_stage_from_env = _env_flag_default("auto_stage", "RUCIO_CATALOG_AUTO_STAGE")
    _rucio_username_from_env = _env_default("rucio_username", "RUCIO_USERNAME")
    _rucio_password_from_env = _env_default("rucio_password", "RUCIO_PASSWORD")
    _rucio_token_file_from_env = _env_default("rucio_token_file", "RUCIO_CATALOG_TOKEN_FILE", "BEARER_TOKEN_FILE")

    @default("trusted_portals")
    def _trusted_portals_from_env(self) -> list[str]:
        return [part for part in (_env("RUCIO_CATALOG_TRUSTED_PORTALS") or "").replace(",", " ").split() if part]

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

    @default("mode")
    def _mode_from_env(self) -> str:
        raw = (_env("RUCIO_CATALOG_MODE") or "").lower()
        if raw in ("rule", "download"):
            return raw
        if raw:
            self.log.warning("rucio_catalog_jupyterlab: ignoring RUCIO_CATALOG_MODE=%r", raw)
        return "rule" if self.destination_rse and self.rse_mount_path else "download"

    @default("download_folder")
    def _download_folder_from_env(self) -> str:
        return _env("RUCIO_CATALOG_DOWNLOAD_FOLDER") or "rucio-data"

    @default("rucio_host")
    def _rucio_host_from_env(self) -> str:
        return _env("RUCIO_HOST") or DEFAULT_RUCIO_HOST

    @default("rucio_auth_host")
    def _rucio_auth_host_from_env(self) -> str:
        return _env("RUCIO_AUTH_HOST") or self.rucio_host

    @default("rucio_account")
    def _rucio_account_from_env(self) -> str | None:
        # Rucio's usual convention: a userpass identity's default account carries its name.
        return _env("RUCIO_ACCOUNT") or self.rucio_username

    @default("state_dir")
    def _state_dir_default(self) -> str:
        return os.path.join(jupyter_data_dir(), "rucio_catalog")

    def resolve_folder(self, folder: str | None, root_dir: str) -> str:
        """Absolute download folder: the given one (from the user's settings) or the configured one."""
        chosen = os.path.expanduser(folder or self.download_folder)
        return os.path.abspath(os.path.join(root_dir, chosen))

    def credentials_configured(self) -> bool:
        return bool(self.rucio_token_file or (self.rucio_username and self.rucio_password))

    def as_json(self, root_dir: str) -> dict[str, object]:
        """The shape GET /rucio-catalog/config returns (camelCase, as the frontend reads it). No secrets."""
        return {
            "portalUrl": self.portal_url,
            "allowedOrigin": self.allowed_origin,
            "useRucio": self.use_rucio,
            "rucioInstance": self.rucio_instance,
            "destinationRse": self.destination_rse,
            "rseMountPath": self.rse_mount_path,
            "rsePathBeginsAt": self.rse_path_begins_at,
            "mode": self.mode,
            "downloadFolder": self.resolve_folder(None, root_dir),
            "autoStage": self.auto_stage,
            "rucioHost": self.rucio_host,
            "rucioAccount": self.rucio_account,
            "credentialsConfigured": self.credentials_configured(),
            "embedSignIn": self.embed_sign_in and self.credentials_configured(),
        }
