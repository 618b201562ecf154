"""DID scopes and names as every part of the product accepts them: the rules of protocol/src/did.ts.

Both sides are checked against the same vectors (protocol/test-vectors/did-refs.json, read by
tests/test_did_rules.py). "." and ".." are refused as a scope, a name or a part of one: inside a Rucio
URL they are path segments that climb to another endpoint.
"""

from __future__ import annotations

import re

MAX_NAME_LENGTH = 500
_SCOPE = re.compile(r"[A-Za-z0-9_.-]{1,64}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PRINTABLE_ASCII = re.compile(r"[\x21-\x7e]+")
_DOT_SEGMENTS = (".", "..")


def scope_refusal(scope: object) -> str | None:
    """Why `scope` is not a DID scope, or None when it is one."""
    if not isinstance(scope, str) or not _SCOPE.fullmatch(scope):
        return "scope must be 1-64 letters, digits, '.', '_' or '-'"
    if scope in _DOT_SEGMENTS:
        return "scope cannot be '.' or '..'"
    return None


def name_refusal(name: object) -> str | None:
    """Why `name` is not a DID name, or None when it is one."""
    if not isinstance(name, str) or not name:
        return "name must not be empty"
    if len(name) > MAX_NAME_LENGTH:
        return f"name is longer than {MAX_NAME_LENGTH} characters"
    if _CONTROL.search(name):
        return "name contains control characters"
    if not _PRINTABLE_ASCII.fullmatch(name):
        return "name may hold printable ASCII characters only, as Rucio's DID names do"
    if any(part in _DOT_SEGMENTS for part in name.split("/")):
        return "name cannot be '.' or '..' nor have them between slashes"
    return None
