"""Upload the demo datasets with the real rucio client (UploadClient) and set their DID-column metadata.

Resumable: a dataset that already has all its files is skipped, so a killed run can simply be started again.
"""
import logging
import random
import sys
import tempfile
from pathlib import Path

from rucio.client import Client
from rucio.client.uploadclient import UploadClient
from rucio.common.exception import DataIdentifierAlreadyExists, Duplicate

from demo_accounts import client_for
from demo_catalog import CONTAINERS, demo_datasets

FILES_PER_DATASET = 5
SOURCE_RSE = "REMOTE-POSIX"
USER_RSE = "REMOTE-SCRATCHDISK"  # the generic policy lets users upload only to *SCRATCHDISK-like RSEs


def dataset_complete(client: Client, scope: str, name: str, files: int = FILES_PER_DATASET) -> bool:
    try:
        return sum(1 for _ in client.list_files(scope, name)) >= files
    except Exception:  # DataIdentifierNotFound and friends: not there yet
        return False


def upload_dataset(client: Client, uploader: UploadClient, dataset: dict, workdir: Path) -> None:
    scope, name = dataset["scope"], dataset["name"]
    rng = random.Random(name)  # the same bytes on every machine
    items = []
    for index in range(1, FILES_PER_DATASET + 1):
        file_name = f"{name}._{index:06d}.pool.root.1" if scope != "cms_run2" else f"{name}.{index:04d}.root"
        path = workdir / file_name
        path.write_bytes(rng.randbytes(rng.randint(2_000, 40_000)))
        items.append({
            "path": path, "rse": USER_RSE if scope.startswith("user.") else SOURCE_RSE, "did_scope": scope, "did_name": file_name,
            "dataset_scope": scope, "dataset_name": name, "guid": _guid(rng), "register_after_upload": True,
        })
    uploader.upload(items)


def set_metadata(client: Client, dataset: dict) -> None:
    """Rucio derives a dataset's `events` from its files, so events are set per file and the rest on the dataset."""
    meta = dict(dataset["meta"])
    events = meta.pop("events", None)
    client.set_metadata_bulk(dataset["scope"], dataset["name"], meta)
    if events is None:
        return
    files = sorted(f["name"] for f in client.list_files(dataset["scope"], dataset["name"]))
    for index, file_name in enumerate(files):
        share = events // len(files) + (1 if index < events % len(files) else 0)
        client.set_metadata(dataset["scope"], file_name, "events", share)


def _guid(rng: random.Random) -> str:
    hexes = "%032x" % rng.getrandbits(128)
    return f"{hexes[:8]}-{hexes[8:12]}-{hexes[12:16]}-{hexes[16:20]}-{hexes[20:]}".upper()


def add_containers(client: Client) -> None:
    for container in CONTAINERS:
        try:
            client.add_container(container["scope"], container["name"])
        except (DataIdentifierAlreadyExists, Duplicate):
            pass
        client.set_metadata_bulk(container["scope"], container["name"], container["meta"])
        existing = {d["name"] for d in client.list_content(container["scope"], container["name"])}
        missing = [{"scope": d["scope"], "name": d["name"]} for d in container["datasets"] if d["name"] not in existing]
        if missing:
            client.attach_dids(container["scope"], container["name"], missing)


def main() -> None:
    logging.getLogger("rucio").setLevel(logging.WARNING)
    datasets = demo_datasets()
    owners = {"user.jdoe": "jdoe"}
    clients = {}
    done = 0
    with tempfile.TemporaryDirectory(prefix="rucio-demo-") as tmp:
        for dataset in datasets:
            account = owners.get(dataset["scope"], "root")
            if account not in clients:
                client = client_for(account)
                clients[account] = (client, UploadClient(client, logger=logging.getLogger("upload")))
            client, uploader = clients[account]
            if not dataset_complete(client, dataset["scope"], dataset["name"]):
                workdir = Path(tmp) / dataset["name"]
                workdir.mkdir()
                upload_dataset(client, uploader, dataset, workdir)
            set_metadata(client, dataset)
            if not dataset["scope"].startswith("user.") and client.get_did(dataset["scope"], dataset["name"])["open"]:
                client.close(dataset["scope"], dataset["name"])  # closing makes Rucio fill in bytes and length
            done += 1
            if sys.stdout.isatty():
                print(f"\rdemo data: {done}/{len(datasets)} datasets", end="", flush=True)
        if sys.stdout.isatty():
            print()
        add_containers(clients["root"][0])
    print(f"demo data in place: {len(datasets)} datasets x {FILES_PER_DATASET} files, {len(CONTAINERS)} containers")


if __name__ == "__main__":
    main()
