"""Register N new datasets of F files each on REMOTE-POSIX for the staging tracker load: names, sizes and
checksums only, no bytes on disk (Rucio's mock transfer tool copies nothing anyway).

Usage (as root on a local Rucio, see rucio/lib.sh client_env): register_staging_datasets.py N F LABEL
Prints the dataset names, one a line. Every run uses a new LABEL: a cancelled rule keeps its DID for an
hour and Rucio refuses a second identical rule, so datasets are not reused between runs.
"""
import sys
import time
import zlib

from rucio.common.exception import (DatabaseException, DataIdentifierAlreadyExists, Duplicate, DuplicateContent,
                                    FileAlreadyExists, FileReplicaAlreadyExists, RucioException)

from demo_accounts import client_for

SCOPE = "load_13TeV"
RSE = "REMOTE-POSIX"
BATCH = 100
FILE_BYTES = 1_000_000
ALREADY_THERE = (DataIdentifierAlreadyExists, Duplicate, DuplicateContent, FileAlreadyExists, FileReplicaAlreadyExists)


def retrying(call, *args) -> None:
    """Rucio on SQLite answers "database is locked" while its daemons write; each call is one transaction,
    so it is repeated, and a repeat that finds its work done (the first try committed after all) is fine."""
    for attempt in range(8):
        try:
            call(*args)
            return
        except ALREADY_THERE:
            return
        except RucioException as error:
            if attempt == 7 or not (isinstance(error, DatabaseException) or "locked" in str(error)):
                raise
            time.sleep(0.5 * 2**attempt)


def chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def main(count: int, files_per_dataset: int, label: str) -> None:
    client = client_for("root")
    try:
        client.add_scope("root", SCOPE)
    except Duplicate:
        pass
    datasets = [f"{SCOPE}.{label}.{index:05d}" for index in range(count)]
    for batch in chunks(datasets, BATCH):
        retrying(client.add_dids, [{"scope": SCOPE, "name": name, "type": "DATASET"} for name in batch])
        files = {name: [{"scope": SCOPE, "name": f"{name}._{n:04d}.root", "bytes": FILE_BYTES,
                         "adler32": f"{zlib.adler32(f'{name}.{n}'.encode()):08x}"} for n in range(files_per_dataset)]
                 for name in batch}
        retrying(client.add_replicas, RSE, [file for group in files.values() for file in group])
        attachments = [{"scope": SCOPE, "name": name, "dids": [{"scope": SCOPE, "name": f["name"]} for f in group]}
                       for name, group in files.items()]
        retrying(client.attach_dids_to_dids, attachments)
    print("\n".join(datasets))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
