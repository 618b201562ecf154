"""Validation of what the frontend sends; mirrors the limits of protocol/ (the portal message set)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .config import RucioCatalog
from .did_rules import name_refusal, scope_refusal
from .session import SessionSettings

# fullmatch throughout: "$" in re.match also matches before a trailing newline.
_INSTANCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_RSE = re.compile(r"[A-Za-z0-9_.-]{1,255}")
_REQUEST_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")
_DID_TYPES = ("DATASET", "CONTAINER", "FILE")


class BadRequest(Exception):
    pass


@dataclass(frozen=True)
class DatasetRequest:
    scope: str
    name: str
    did_type: str
    instance: str | None


@dataclass(frozen=True)
class PortalTarget:
    request_id: str | None = None
    progress_url: str | None = None
    token: str | None = None


def parse_dataset(raw: Any, configured_instance: str | None) -> DatasetRequest:
    if not isinstance(raw, dict):
        raise BadRequest("dataset must be an object with scope and name")
    scope, name = raw.get("scope"), raw.get("name")
    refusal = scope_refusal(scope)
    if refusal:
        raise BadRequest(f"invalid scope {scope!r}: {refusal}")
    refusal = name_refusal(name)
    if refusal:
        raise BadRequest(f"invalid name: {refusal}")
    did_type = raw.get("type", "DATASET")
    if did_type not in _DID_TYPES:
        raise BadRequest(f"type must be one of {', '.join(_DID_TYPES)}")
    instance = raw.get("instance")
    if instance is not None and (not isinstance(instance, str) or not _INSTANCE.fullmatch(instance)):
        raise BadRequest(f"invalid instance {instance!r}")
    if instance and configured_instance and instance != configured_instance:
        raise BadRequest(f"this Jupyter server reaches Rucio instance {configured_instance!r}, not {instance!r}")
    return DatasetRequest(scope=scope, name=name, did_type=did_type, instance=instance)


def parse_session_settings(raw: Any, config: RucioCatalog, root_dir: str) -> SessionSettings:
    """The user's frontend settings where they set one, the server's configuration elsewhere."""
    raw = raw if isinstance(raw, dict) else {}

    def pick(key: str, default: Any, valid: Any) -> Any:
        value = raw.get(key)
        if value is None or value == "":
            return default
        if not valid(value):
            raise BadRequest(f"invalid setting {key}: {value!r}")
        return value

    mode = pick("mode", config.mode, lambda v: v in ("rule", "download"))
    rse = pick("destinationRse", config.destination_rse, lambda v: isinstance(v, str) and _RSE.fullmatch(v))
    mount = pick("rseMountPath", config.rse_mount_path, lambda v: isinstance(v, str) and os.path.isabs(v))
    begins_at = pick(
        "rsePathBeginsAt",
        config.rse_path_begins_at,
        lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 64,
    )
    folder = pick("downloadFolder", None, lambda v: isinstance(v, str) and "\x00" not in v and len(v) < 4096)
    return SessionSettings(
        mode=mode,
        destination_rse=rse,
        mount_path=mount,
        begins_at=begins_at,
        folder=config.resolve_folder(folder, root_dir),
    )


def portal_origins(config: RucioCatalog) -> set[str]:
    origins = set()
    for value in (config.allowed_origin, config.portal_url, *config.trusted_portals):
        origin = origin_of(value) if value else None
        if origin:
            origins.add(origin)
    return origins


def parse_portal_target(body: dict[str, Any], config: RucioCatalog) -> PortalTarget:
    """Where (and with which token) to report progress. The URL must belong to a portal configured on
    this server, so a forged request cannot make it send tokens or requests elsewhere. With none
    configured nothing is accepted: the server, not a browser-side setting, decides where it sends."""
    request_id, url, token = body.get("requestId"), body.get("progressUrl"), body.get("token")
    if request_id is None and url is None and token is None:
        return PortalTarget()
    if not isinstance(request_id, str) or not _REQUEST_ID.fullmatch(request_id):
        raise BadRequest("invalid requestId")
    if not isinstance(token, str) or not 16 <= len(token) <= 4096:
        raise BadRequest("invalid token")
    origin = origin_of(url) if isinstance(url, str) else None
    if origin is None:
        raise BadRequest("progressUrl must be an http(s) URL")
    allowed = portal_origins(config)
    if not allowed:
        raise BadRequest(
            "progressUrl cannot be accepted: no portal is configured on this server; set "
            "RucioCatalog.portal_url or RucioCatalog.trusted_portals"
        )
    if origin not in allowed:
        raise BadRequest(f"progressUrl origin {origin} is not the configured portal")
    return PortalTarget(request_id=request_id, progress_url=url, token=token)


def origin_of(value: str) -> str | None:
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    default_port = {"http": 80, "https": 443}[parts.scheme]
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default_port else "")
