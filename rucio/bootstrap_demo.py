"""Create the demo accounts, RSEs, scopes and quotas through the Rucio REST API as root. Idempotent."""
import os
from pathlib import Path

from rucio.common.exception import Duplicate, RSEProtocolPriorityError

from demo_accounts import ACCOUNTS, client_for

STATE = Path(os.environ["RUCIO_STATE"]).resolve()
GiB = 1024**3

# (rse, folder, role)
RSES = [
    ("REMOTE-POSIX", STATE / "rses" / "remote", "source: stands in for a grid site; holds the demo files"),
    ("REMOTE-SCRATCHDISK", STATE / "rses" / "scratch", "source for users' own uploads (generic policy: *SCRATCHDISK)"),
    ("SWAN-MOUNT", STATE / "rses" / "swan", "destination: the storage a SWAN session sees as a mounted folder"),
]
SCOPES = {"data18_13TeV": "root", "mc20_13TeV": "root", "cms_run2": "root", "scale_13TeV": "root", "user.jdoe": "jdoe"}
if os.environ.get("RUCIO_DEMO") == "cms":
    SCOPES = {"cms": "root"}
# Account limits per RSE in bytes (-1 = unlimited). alice gets a tiny quota on SWAN-MOUNT so quota refusals can be shown.
LIMITS = {
    "root": {"REMOTE-POSIX": -1, "REMOTE-SCRATCHDISK": -1, "SWAN-MOUNT": -1},
    "jdoe": {"REMOTE-POSIX": 10 * GiB, "REMOTE-SCRATCHDISK": 10 * GiB, "SWAN-MOUNT": 10 * GiB},
    "alice": {"REMOTE-POSIX": 10 * GiB, "REMOTE-SCRATCHDISK": 10 * GiB, "SWAN-MOUNT": 1024},
}

def ignore_duplicate(call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except (Duplicate, RSEProtocolPriorityError):
        pass

def add_posix_rse(client, rse: str, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    ignore_duplicate(client.add_rse, rse, deterministic=True)
    existing = client.get_protocols(rse) if client.get_rse(rse).get("protocols") else []
    if not any(p.get("scheme") == "file" for p in existing):
        operations = {"read": 1, "write": 1, "delete": 1, "third_party_copy_read": 1, "third_party_copy_write": 1}
        client.add_protocol(rse, {
            "scheme": "file", "hostname": "localhost", "port": 0, "prefix": f"{folder}/",
            "impl": "rucio.rse.protocols.posix.Default",
            "domains": {"lan": dict(operations), "wan": dict(operations)},
        })
    client.add_rse_attribute(rse, "fts", "mock://localhost")
    client.add_rse_attribute(rse, "naming_convention", "hash")

def main() -> None:
    client = client_for("root")
    for name, account in ACCOUNTS.items():
        if name != "root":
            ignore_duplicate(client.add_account, name, "USER", account["email"])
            ignore_duplicate(client.add_identity, name, account["username"], "USERPASS", account["email"],
                             default=True, password=account["password"])
    for rse, folder, _ in RSES:
        add_posix_rse(client, rse, folder)
    for source in ("REMOTE-POSIX", "REMOTE-SCRATCHDISK"):
        ignore_duplicate(client.add_distance, source, "SWAN-MOUNT", {"distance": 1})
        ignore_duplicate(client.add_distance, "SWAN-MOUNT", source, {"distance": 1})
    for scope, owner in SCOPES.items():
        ignore_duplicate(client.add_scope, owner, scope)
    for account, limits in LIMITS.items():
        for rse, limit in limits.items():
            client.set_local_account_limit(account, rse, limit)
    print("demo accounts, RSEs, scopes and limits are in place")

if __name__ == "__main__":
    main()
