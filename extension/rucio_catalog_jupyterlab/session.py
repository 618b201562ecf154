"""How datasets look from this Jupyter session: their local paths and whether they are here yet.

Rule mode asks Rucio where the replicas are; Rucio's word that a replica is AVAILABLE on the
mounted RSE is the state, and `filesVisible` says how many of those files the mount shows (in the
local demo the mock transfer tool completes rules without moving bytes, and this keeps that
visible). Download mode looks at the download folder itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .paths import has_size
from .rucio_access import rucio_error_text
from .rucio_files import did_type, download_layout, list_did_files, mounted_paths

_RULE_STAGING_STATES = {"REPLICATING", "INJECT", "WAITING_APPROVAL", "STUCK", "SUSPENDED"}


class SessionNotConfigured(Exception):
    pass


@dataclass(frozen=True)
class SessionSettings:
    mode: str
    destination_rse: str | None
    mount_path: str | None
    begins_at: int | None
    folder: str

    def require_mount(self) -> tuple[str, str, int]:
        if not (self.destination_rse and self.mount_path):
            raise SessionNotConfigured(
                "rule mode needs a destination RSE and its mount path "
                "(settings, or SWAN_RUCIO_RSE and SWAN_RUCIO_RSE_PATH)"
            )
        return self.destination_rse, self.mount_path, self.begins_at or 0


def local_paths(client, scope: str, name: str, settings: SessionSettings) -> dict[str, object]:  # noqa: ANN001
    """The session-local path of every file of a DID, for the mode in use."""
    kind = did_type(client, scope, name)
    files = list_did_files(client, scope, name)
    if settings.mode == "rule":
        rse, mount, begins_at = settings.require_mount()
        paths = mounted_paths(client, rse, files, mount, begins_at)
    else:
        paths = download_layout(settings.folder, scope, name, kind, files)
    return {
        "scope": scope,
        "name": name,
        "didType": kind,
        "mode": settings.mode,
        "localPaths": paths,
        "bytesTotal": sum(f.bytes for f in files),
    }


def dataset_state(
    client,
    scope: str,
    name: str,
    settings: SessionSettings,
    downloading: bool,  # noqa: ANN001 - rucio Client
) -> dict[str, object]:
    """available (every file is here), staging (on its way), missing, or error (with Rucio's text)."""
    result: dict[str, object] = {"scope": scope, "name": name, "mode": settings.mode}
    try:
        if settings.mode == "rule":
            result.update(_rule_state(client, scope, name, settings))
        else:
            result.update(_download_state(client, scope, name, settings, downloading))
    except SessionNotConfigured as error:
        result.update(state="error", detail=str(error))
    except Exception as error:  # noqa: BLE001 - Rucio's errors (DID not found, auth) are shown as they are
        result.update(state="error", detail=rucio_error_text(error))
    return result


def _rule_state(client, scope: str, name: str, settings: SessionSettings) -> dict[str, object]:  # noqa: ANN001
    rse, mount, begins_at = settings.require_mount()
    files = list_did_files(client, scope, name)
    available = {
        (replica["scope"], replica["name"])
        for replica in client.list_replicas([{"scope": scope, "name": name}], rse_expression=rse, all_states=True)
        if replica.get("states", {}).get(rse) == "AVAILABLE"
    }
    paths = mounted_paths(client, rse, files, mount, begins_at)
    visible = sum(1 for path in paths if os.path.isfile(path))
    counts = {"filesTotal": len(files), "filesAvailable": len(available), "filesVisible": visible}
    if files and len(available) == len(files):
        return {"state": "available", **counts}
    rules = [
        rule
        for rule in client.list_did_rules(scope, name)
        if rule.get("rse_expression") == rse and rule.get("state") in _RULE_STAGING_STATES
    ]
    if rules:
        return {"state": "staging", "detail": f"rule {rules[0]['id']} is {rules[0]['state']}", **counts}
    return {"state": "missing", **counts}


def _download_state(
    client,
    scope: str,
    name: str,
    settings: SessionSettings,
    downloading: bool,  # noqa: ANN001
) -> dict[str, object]:
    kind = did_type(client, scope, name)
    files = list_did_files(client, scope, name)
    paths = download_layout(settings.folder, scope, name, kind, files)
    present = sum(1 for f, path in zip(files, paths, strict=True) if has_size(path, f.bytes))
    counts = {"filesTotal": len(files), "filesAvailable": present, "filesVisible": present}
    if files and present == len(files):
        return {"state": "available", **counts}
    return {"state": "staging" if downloading else "missing", **counts}


def create_rule(client, scope: str, name: str, settings: SessionSettings) -> dict[str, object]:  # noqa: ANN001
    """Rule-mode staging from the notebook (the portal is not involved): one copy on the mounted RSE."""
    from rucio.common.exception import DuplicateRule

    rse, _mount, _begins_at = settings.require_mount()
    try:
        rule_id = client.add_replication_rule(
            [{"scope": scope, "name": name}], copies=1, rse_expression=rse, comment="Rucio Catalog for JupyterLab"
        )[0]
    except DuplicateRule:  # this account already asked for it: report that rule
        rule_id = next(
            rule["id"]
            for rule in client.list_did_rules(scope, name)
            if rule.get("rse_expression") == rse and rule.get("account") == client.account
        )
    return {"scope": scope, "name": name, "ruleId": rule_id, "rse": rse}
