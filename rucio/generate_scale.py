"""Register N datasets (no files) with realistic names and DID-column metadata, for scale tests. Resumable.

Names are deterministic (index-based), so a batch that is already there is skipped on a re-run.
"""
import random
import sys
import time

from rucio.common.exception import DataIdentifierNotFound

from demo_accounts import client_for

SCOPE = "scale_13TeV"
BATCH = 1000
DATATYPES = ["DAOD_PHYS", "DAOD_PHYSLITE", "AOD", "DAOD_JETM1", "DAOD_EGAM1", "NTUP_PILEUP"]
STREAMS = ["physics_Main", "physics_MinBias", "physics_ZeroBias", "physics_CosmicCalo", "express_express"]
CAMPAIGNS = ["mc20a", "mc20d", "mc20e", "mc23a", "mc23c", "grp18", "grp22"]


def dataset(index: int) -> dict:
    rng = random.Random(index)
    run = 300_000 + index // 8
    datatype, stream = rng.choice(DATATYPES), rng.choice(STREAMS)
    tag = f"r{13000 + rng.randint(0, 999)}_p{4000 + rng.randint(0, 1999)}"
    name = f"scale_13TeV.{run:08d}.{stream}.deriv.{datatype}.{tag}.{index:07d}"
    meta = {"project": "scale_13TeV", "run_number": run, "stream_name": stream, "prod_step": "deriv",
            "datatype": datatype, "version": tag, "campaign": rng.choice(CAMPAIGNS)}
    return {"scope": SCOPE, "name": name, "type": "DATASET", "meta": meta}


def exists(client, name: str) -> bool:
    try:
        client.get_did(SCOPE, name)
        return True
    except DataIdentifierNotFound:
        return False


def main(total: int) -> None:
    client = client_for("root")
    started, added = time.monotonic(), 0
    for start in range(0, total, BATCH):
        batch = [dataset(i) for i in range(start, min(start + BATCH, total))]
        if exists(client, batch[-1]["name"]):
            continue
        client.add_dids(batch)
        added += len(batch)
        rate = added / max(time.monotonic() - started, 1e-6)
        if sys.stderr.isatty():
            print(f"\rscale data: {start + len(batch)}/{total} datasets ({rate:,.0f}/s)", end="", flush=True, file=sys.stderr)
    print(f"{chr(10) if sys.stderr.isatty() else ''}scale data in place: {total} datasets in scope {SCOPE} ({added} added now)", file=sys.stderr)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
