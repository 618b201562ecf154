"""Upload the second instance's demo datasets: CMS-style names (/Primary/Era-Processing/TIER) whose metadata
lives in Rucio's free-form JSON metadata (PostgreSQL-backed Rucio), beside a few DID columns.

Resumable like demo_data.py: a dataset that already has its files is only given its metadata again.
"""
import logging
import random
import tempfile
from pathlib import Path

from rucio.client.uploadclient import UploadClient

from demo_accounts import client_for
from demo_data import SOURCE_RSE, _guid, dataset_complete

SCOPE = "cms"
FILES_PER_DATASET = 3
# (primary dataset, era or campaign, processing, tier, events, cross-section in pb or None for data)
SAMPLES = [
    ("SingleMuon", "Run2018A", "UL2018_MiniAODv2_NanoAODv9-v2", "NANOAOD", 4_200_000, None),
    ("SingleMuon", "Run2018B", "UL2018_MiniAODv2_NanoAODv9-v2", "NANOAOD", 3_100_000, None),
    ("EGamma", "Run2018C", "UL2018_MiniAODv2-v1", "MINIAOD", 2_600_000, None),
    ("JetHT", "Run2017F", "UL2017_MiniAODv2_NanoAODv9-v1", "NANOAOD", 5_500_000, None),
    ("TTTo2L2Nu_TuneCP5_13TeV-powheg-pythia8", "RunIISummer20UL18NanoAODv9", "106X_upgrade2018_realistic_v16_L1v1-v1",
     "NANOAODSIM", 1_450_000, 88.29),
    ("DYJetsToLL_M-50_TuneCP5_13TeV-amcatnloFXFX-pythia8", "RunIISummer20UL18MiniAODv2",
     "106X_upgrade2018_realistic_v16_L1v1-v2", "MINIAODSIM", 2_300_000, 6077.22),
    ("GluGluHToZZTo4L_M125_TuneCP5_13TeV_powheg2_JHUGenV7011_pythia8", "RunIISummer20UL17NanoAODv9",
     "106X_mc2017_realistic_v9-v2", "NANOAODSIM", 980_000, 0.0129),
]


def cms_datasets() -> list[dict]:
    datasets = []
    for primary, era, processing, tier, events, xsec in SAMPLES:
        json_meta = {"primary_dataset": primary, "era": era, "processing": processing, "data_tier": tier,
                     "nevents": events, "is_mc": xsec is not None}
        if xsec is not None:
            json_meta["xsec_pb"] = xsec
        datasets.append({"name": f"/{primary}/{era}-{processing}/{tier}", "json_meta": json_meta,
                         "columns": {"datatype": tier, "project": era, "prod_step": "sim" if xsec else "reco"}})
    return datasets


def upload(uploader: UploadClient, dataset: dict, workdir: Path) -> None:
    rng = random.Random(dataset["name"])  # the same bytes on every machine
    stem = dataset["name"].strip("/").replace("/", "_")
    items = []
    for index in range(1, FILES_PER_DATASET + 1):
        path = workdir / f"{stem}_{index:04d}.root"
        path.write_bytes(rng.randbytes(rng.randint(2_000, 30_000)))
        items.append({"path": path, "rse": SOURCE_RSE, "did_scope": SCOPE, "did_name": path.name,
                      "dataset_scope": SCOPE, "dataset_name": dataset["name"], "guid": _guid(rng),
                      "register_after_upload": True})
    uploader.upload(items)


def main() -> None:
    logging.getLogger("rucio").setLevel(logging.WARNING)
    client = client_for("root")
    uploader = UploadClient(client, logger=logging.getLogger("upload"))
    datasets = cms_datasets()
    with tempfile.TemporaryDirectory(prefix="rucio-cms-demo-") as tmp:
        for index, dataset in enumerate(datasets):
            if not dataset_complete(client, SCOPE, dataset["name"], FILES_PER_DATASET):
                workdir = Path(tmp) / str(index)
                workdir.mkdir()
                upload(uploader, dataset, workdir)
            client.set_metadata_bulk(SCOPE, dataset["name"], dataset["columns"])
            # Keys that are no DID column go to Rucio's JSON metadata plugin.
            client.set_metadata_bulk(SCOPE, dataset["name"], dataset["json_meta"])
            if client.get_did(SCOPE, dataset["name"])["open"]:
                client.close(SCOPE, dataset["name"])
    print(f"demo data in place: {len(datasets)} CMS-style datasets x {FILES_PER_DATASET} files with JSON metadata")


if __name__ == "__main__":
    main()
