"""Embed sign-in: signs the user in to the portal in the panel with this server's Rucio credentials.

The portal is often on another site than JupyterLab, where its own sign-in cannot work inside a frame.
This server presents the user's Rucio token to the portal (POST /api/embed/sign-ins), the portal checks
it with Rucio and answers a one-time code; the browser only ever sees the URL that redeems the code.
The token goes only to a portal configured on this server, never to a URL the browser names.
The panel sends the SHA-256 of a nonce it keeps (frameNonceHash), passed on as is: the portal redeems the
code only with that nonce, which the panel hands to its own frame alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import requests

from .config import RucioCatalog
from .requests_validation import BadRequest, origin_of, portal_origins

_TIMEOUT_SECONDS = 20
_MAX_PATH_LENGTH = 2048
_PRINTABLE_ASCII = re.compile(r"[\x21-\x7e]+")
_MALFORMED_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_MAX_DECODING_ROUNDS = 4
_NONCE_HASH = re.compile(r"[A-Za-z0-9_-]{43}")


class PortalRefused(Exception):
    """The portal could not be reached or refused; the message says which, with the portal's own words."""


@dataclass(frozen=True)
class SignInTarget:
    portal_origin: str
    # The portal's path prefix ("" at the root of its origin, "/services/rucio-catalog" under a hub).
    base_path: str
    # A path of the portal below its prefix.
    next_path: str
    frame_nonce_hash: str


def parse_sign_in_request(body: dict[str, object], config: RucioCatalog) -> SignInTarget:
    portal_url, next_path = body.get("portalUrl"), body.get("next", "/")
    origin = origin_of(portal_url) if isinstance(portal_url, str) else None
    if origin is None:
        raise BadRequest("portalUrl must be an http(s) URL")
    allowed = portal_origins(config)
    if origin not in allowed:
        configured = ", ".join(sorted(allowed)) or "none"
        raise BadRequest(
            f"{origin} is not a portal configured on this server (configured: {configured}); set "
            "RucioCatalog.portal_url or RucioCatalog.trusted_portals to let it sign you in"
        )
    if not is_portal_path(next_path):
        raise BadRequest("next must be a path of the portal")
    base_path = portal_base_path(portal_url, config)
    if base_path:
        if next_path != base_path and not next_path.startswith((f"{base_path}/", f"{base_path}?")):
            raise BadRequest(f"next must be a path under the portal's prefix {base_path}")
        next_path = next_path[len(base_path) :] or "/"
        if not next_path.startswith("/"):
            next_path = f"/{next_path}"
    frame_nonce_hash = body.get("frameNonceHash")
    if not isinstance(frame_nonce_hash, str) or not _NONCE_HASH.fullmatch(frame_nonce_hash):
        raise BadRequest("frameNonceHash must be the base64url SHA-256 of the panel's sign-in nonce (update the extension)")
    return SignInTarget(portal_origin=origin, base_path=base_path, next_path=next_path, frame_nonce_hash=frame_nonce_hash)


def portal_base_path(portal_url: str, config: RucioCatalog) -> str:
    """The path prefix of the configured portal that `portal_url` is under: the longest configured portal
    URL (portal_url, trusted_portals) on the same origin whose path starts `portal_url`'s path; "" if none."""
    requested = urlsplit(portal_url)
    best = ""
    for value in (config.portal_url, *config.trusted_portals):
        if not value or origin_of(value) != origin_of(portal_url):
            continue
        prefix = urlsplit(value.strip()).path.rstrip("/")
        under = requested.path == prefix or requested.path.startswith(f"{prefix}/")
        if under and len(prefix) > len(best):
            best = prefix
    return best


def is_portal_path(value: object) -> bool:
    """Whether `value` stays a path of the portal however it is read: as sent, after a URL parser removes
    dot segments ("/.//x" becomes "//x", a protocol-relative URL) and reads "\\" as "/", and after any
    number of percent-decodings. The frontend sends a parsed URL's path, which has none of these."""
    if not isinstance(value, str) or len(value) > _MAX_PATH_LENGTH or not _PRINTABLE_ASCII.fullmatch(value):
        return False
    if "\\" in value:
        return False
    path = re.split(r"[?#]", value, maxsplit=1)[0]
    decoded = _fully_decoded(path)
    if decoded is None or not _PRINTABLE_ASCII.fullmatch(decoded):
        return False
    if not decoded.startswith("/") or decoded.startswith(("//", "/\\")):
        return False
    return not any(segment in (".", "..") for segment in re.split(r"[/\\]", decoded))


def _fully_decoded(path: str) -> str | None:
    """The path once every layer of percent-encoding is gone, or None when it does not settle or is malformed."""
    current = path
    for _round in range(_MAX_DECODING_ROUNDS):
        if _MALFORMED_ESCAPE.search(current):
            return None
        try:
            decoded = unquote(current, errors="strict")
        except UnicodeDecodeError:
            return None
        if decoded == current:
            return current
        current = decoded
    return None


def sign_in_url(target: SignInTarget, rucio_token: str, instance: str | None) -> str:
    """Asks the portal for a one-time code; returns the URL that redeems it. Raises PortalRefused."""
    body: dict[str, object] = {"rucioToken": rucio_token, "next": target.next_path, "frameNonceHash": target.frame_nonce_hash}
    if instance:
        body["instance"] = instance
    endpoint = f"{target.portal_origin}{target.base_path}/api/embed/sign-ins"
    try:
        response = requests.post(endpoint, json=body, timeout=_TIMEOUT_SECONDS, allow_redirects=False)
    except requests.RequestException as error:
        raise PortalRefused(f"the portal at {target.portal_origin} cannot be reached: {error}") from error
    try:
        answer = response.json()
    except ValueError:
        answer = {}
    if response.status_code != 201 or not isinstance(answer.get("startPath"), str):
        message = (answer.get("error") or {}).get("message") if isinstance(answer.get("error"), dict) else None
        raise PortalRefused(f"the portal refused the sign-in (HTTP {response.status_code}): {message or response.text[:200]}")
    start_path = answer["startPath"]
    if not start_path.startswith("/embed/start?"):
        raise PortalRefused("the portal answered an unexpected sign-in path")
    return f"{target.portal_origin}{target.base_path}{start_path}"


def fresh_token(client) -> str:  # noqa: ANN001 - rucio.client.Client
    """The client's Rucio token, renewed first if Rucio no longer takes the one it cached."""
    client.whoami()
    return client.auth_token
