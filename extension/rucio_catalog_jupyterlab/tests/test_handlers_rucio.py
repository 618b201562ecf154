"""The server extension's routes in a real jupyter_server, against the real local Rucio."""

from __future__ import annotations

import asyncio
import json
import os
import re
import zlib
from pathlib import Path

import pytest
from tornado.httpclient import HTTPClientError

from rucio_catalog_jupyterlab.jobs import Job, JobStore, new_job_id
from rucio_catalog_jupyterlab.tests.conftest import DEMO_DATASET, DEMO_SCOPE, REPO, RUCIO_HOST
from rucio_catalog_jupyterlab.tests.fake_portal import ProgressPortal

DEMO = {"scope": DEMO_SCOPE, "name": DEMO_DATASET, "type": "DATASET", "instance": "default"}
MOUNT = "/mnt/swan-rucio"
# SWAN-MOUNT's PFNs are file://localhost<checkout>/.local/rucio/rses/swan/<scope>/..; its depth depends on the checkout.
SWAN_RSE_DEPTH = len((REPO / ".local" / "rucio" / "rses" / "swan").parts) - 1
TOKEN = "portal-token-" + "y" * 24
JDOE = {
    "rucio_host": RUCIO_HOST,
    "rucio_username": "jdoe",
    "rucio_password": "jdoe-secret",
    "rucio_instance": "default",
    "destination_rse": "SWAN-MOUNT",
    "rse_mount_path": MOUNT,
    "rse_path_begins_at": SWAN_RSE_DEPTH,
    "mode": "download",
    "download_folder": "data",
    "progress_report_interval": 0.0,
}
with_jdoe = pytest.mark.parametrize("jp_server_config", [JDOE], indirect=True)


async def post(jp_fetch, route: str, body: dict):
    response = await jp_fetch("rucio-catalog", route, method="POST", body=json.dumps(body), raise_error=False)
    return response.code, json.loads(response.body)


@pytest.fixture
def progress_portal(monkeypatch):
    """A stand-in for the portal's progress endpoint, configured on the server as a trusted portal (read
    when the extension loads: name this fixture before jp_fetch)."""
    with ProgressPortal(TOKEN) as portal:
        monkeypatch.setenv("RUCIO_CATALOG_TRUSTED_PORTALS", portal.origin)
        yield portal


async def wait_for_download(jp_fetch, job_id: str, states=("done", "failed", "cancelled"), timeout=120.0) -> dict:
    for _ in range(int(timeout / 0.2)):
        response = await jp_fetch("rucio-catalog", "downloads", job_id)
        job = json.loads(response.body)
        if job["state"] in states:
            return job
        await asyncio.sleep(0.2)
    raise AssertionError(f"download {job_id} still {job['state']}")


@with_jdoe
async def test_download_mode_paths_follow_the_folder_layout(rucio_up, jp_fetch, jp_root_dir, demo_files):
    code, body = await post(jp_fetch, "paths", {"dataset": DEMO})
    assert code == 200
    folder = Path(jp_root_dir) / "data" / DEMO_SCOPE / DEMO_DATASET
    assert body["mode"] == "download"
    assert body["didType"] == "DATASET"
    assert body["localPaths"] == [str(folder / f["name"]) for f in demo_files]
    assert body["bytesTotal"] == sum(f["bytes"] for f in demo_files)


@with_jdoe
async def test_rule_mode_paths_map_the_destination_pfns_below_the_mount(rucio_up, jp_fetch, demo_files):
    code, body = await post(jp_fetch, "paths", {"dataset": DEMO, "settings": {"mode": "rule"}})
    assert code == 200
    for path, file in zip(body["localPaths"], demo_files, strict=True):
        # SWAN-MOUNT uses the "hash" naming convention: <scope>/<2 hex>/<2 hex>/<name>
        assert re.fullmatch(rf"{MOUNT}/{DEMO_SCOPE}/[0-9a-f]{{2}}/[0-9a-f]{{2}}/{re.escape(file['name'])}", path)


@with_jdoe
async def test_a_mount_mapping_deeper_than_the_pfns_says_what_to_change(rucio_up, jp_fetch, demo_files):
    settings = {"mode": "rule", "rsePathBeginsAt": 60}
    code, body = await post(jp_fetch, "paths", {"dataset": DEMO, "settings": settings})
    assert code == 502
    assert "fewer than 61 path components" in body["message"]
    assert "path_begins_at" in body["message"]


@with_jdoe
async def test_user_settings_override_the_server_defaults(rucio_up, jp_fetch, tmp_path, demo_files):
    settings = {"mode": "rule", "rseMountPath": "/eos/other", "rsePathBeginsAt": SWAN_RSE_DEPTH + 1}
    code, body = await post(jp_fetch, "paths", {"dataset": DEMO, "settings": settings})
    assert code == 200
    for path, file in zip(body["localPaths"], demo_files, strict=True):
        assert re.fullmatch(rf"/eos/other/[0-9a-f]{{2}}/[0-9a-f]{{2}}/{re.escape(file['name'])}", path)
    code, body = await post(jp_fetch, "paths", {"dataset": DEMO, "settings": {"downloadFolder": str(tmp_path)}})
    assert body["localPaths"][0] == str(tmp_path / DEMO_SCOPE / DEMO_DATASET / demo_files[0]["name"])


@with_jdoe
@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (
            {"dataset": {**DEMO, "name": "data18_13TeV.nope"}},
            502,
            "Data identifier 'data18_13TeV:data18_13TeV.nope' not found",
        ),
        ({"dataset": {**DEMO, "instance": "atlas"}}, 400, "reaches Rucio instance 'default', not 'atlas'"),
        ({"dataset": {**DEMO, "scope": "../etc"}}, 400, "invalid scope"),
        ({"dataset": DEMO, "settings": {"mode": "teleport"}}, 400, "invalid setting mode"),
        (
            {"dataset": DEMO, "settings": {"rseMountPath": "relative/path", "mode": "rule"}},
            400,
            "invalid setting rseMountPath",
        ),
    ],
)
async def test_bad_requests_and_rucio_errors_come_back_as_messages(rucio_up, jp_fetch, body, status, message):
    code, reply = await post(jp_fetch, "paths", body)
    assert code == status
    assert message in reply["message"]


async def test_without_credentials_the_server_says_how_to_configure_them(jp_fetch):
    code, reply = await post(jp_fetch, "paths", {"dataset": DEMO})
    assert code == 409
    assert "RUCIO_USERNAME" in reply["message"]


@with_jdoe
async def test_download_through_the_server_reports_to_the_portal_and_becomes_available(
    rucio_up, progress_portal, jp_fetch, jp_root_dir, demo_files
):
    code, before = await post(jp_fetch, "state", {"datasets": [DEMO]})
    assert code == 200
    assert before["datasets"][0]["state"] == "missing"

    portal = progress_portal
    request = {"dataset": DEMO, "requestId": "req-9", "progressUrl": portal.url("req-9"), "token": TOKEN}
    code, job = await post(jp_fetch, "downloads", request)
    assert code == 202 and job["state"] in ("pending", "staging")
    done = await wait_for_download(jp_fetch, job["id"])

    total = sum(f["bytes"] for f in demo_files)
    assert done["state"] == "done"
    assert (done["filesDone"], done["filesTotal"], done["bytesDone"], done["bytesTotal"]) == (5, 5, total, total)
    assert portal.reports[-1]["body"] == {
        "state": "done",
        "filesDone": 5,
        "filesTotal": 5,
        "bytesDone": total,
        "bytesTotal": total,
    }
    folder = Path(jp_root_dir) / "data" / DEMO_SCOPE / DEMO_DATASET
    for file in demo_files:
        data = (folder / file["name"]).read_bytes()
        assert f"{zlib.adler32(data):08x}" == file["adler32"]

    listing = json.loads((await jp_fetch("rucio-catalog", "downloads")).body)["downloads"]
    assert [d["id"] for d in listing] == [job["id"]]
    assert "token" not in json.dumps(listing)  # the portal's token stays on the server
    code, after = await post(jp_fetch, "state", {"datasets": [DEMO]})
    assert after["datasets"][0] == {
        "scope": DEMO_SCOPE,
        "name": DEMO_DATASET,
        "mode": "download",
        "state": "available",
        "filesTotal": 5,
        "filesAvailable": 5,
        "filesVisible": 5,
    }


@pytest.mark.parametrize("jp_server_config", [{**JDOE, "portal_url": "http://127.0.0.1:3000"}], indirect=True)
async def test_progress_urls_outside_the_configured_portal_are_refused(rucio_up, jp_fetch):
    request = {"dataset": DEMO, "requestId": "r", "progressUrl": "http://169.254.169.254/latest", "token": TOKEN}
    code, reply = await post(jp_fetch, "downloads", request)
    assert code == 400
    assert "not the configured portal" in reply["message"]
    assert json.loads((await jp_fetch("rucio-catalog", "downloads")).body)["downloads"] == []


@with_jdoe
async def test_without_a_configured_portal_no_progress_url_is_accepted(rucio_up, jp_fetch):
    with ProgressPortal(TOKEN) as portal:
        request = {"dataset": DEMO, "requestId": "r", "progressUrl": portal.url("r"), "token": TOKEN}
        code, reply = await post(jp_fetch, "downloads", request)
    assert code == 400
    assert "no portal is configured" in reply["message"]
    assert json.loads((await jp_fetch("rucio-catalog", "downloads")).body)["downloads"] == []
    assert portal.reports == []


@with_jdoe
async def test_cancelling_a_running_download(rucio_up, progress_portal, jp_fetch, jp_root_dir):
    portal = progress_portal
    portal.hold = lambda body: body["state"] == "staging"
    request = {"dataset": DEMO, "requestId": "req-c", "progressUrl": portal.url("req-c"), "token": TOKEN}
    code, job = await post(jp_fetch, "downloads", request)
    assert await asyncio.get_running_loop().run_in_executor(None, portal.holding.wait, 60)
    response = await jp_fetch("rucio-catalog", "downloads", job["id"], method="DELETE")
    assert response.code == 200
    portal.release()
    cancelled = await wait_for_download(jp_fetch, job["id"])
    # The worker records the cancellation, then reports it: the report may land a moment later.
    for _ in range(100):
        if portal.reports and portal.reports[-1]["body"]["state"] == "cancelled":
            break
        await asyncio.sleep(0.1)
    assert cancelled["state"] == "cancelled"
    assert portal.reports[-1]["body"]["state"] == "cancelled"
    partial = Path(jp_root_dir) / "data" / ".rucio-catalog-partial" / job["id"]
    assert not partial.exists()


@pytest.fixture
def unfinished_job(state_dir, jp_root_dir) -> str:
    """A job an earlier server left behind mid-way (state staging, no worker)."""
    store = JobStore(str(state_dir))
    job = Job(
        id=new_job_id(),
        scope=DEMO_SCOPE,
        name=DEMO_DATASET,
        did_type="DATASET",
        instance="default",
        folder=os.path.join(str(jp_root_dir), "data"),
        state="staging",
    )
    store.save(job)
    return job.id


@with_jdoe
async def test_a_new_server_resumes_unfinished_downloads(rucio_up, unfinished_job, jp_fetch):
    done = await wait_for_download(jp_fetch, unfinished_job)
    assert done["state"] == "done" and done["filesDone"] == 5


@with_jdoe
async def test_rule_mode_staging_from_the_notebook(rucio_up, jp_fetch, fresh_dataset):
    scope, name = fresh_dataset
    dataset = {"scope": scope, "name": name}
    rule_mode = {"mode": "rule"}
    code, state = await post(jp_fetch, "state", {"datasets": [dataset], "settings": rule_mode})
    assert state["datasets"][0]["state"] == "missing"

    code, rule = await post(jp_fetch, "rules", {"dataset": dataset, "settings": rule_mode})
    assert code == 201 and rule["rse"] == "SWAN-MOUNT"
    code, again = await post(jp_fetch, "rules", {"dataset": dataset, "settings": rule_mode})
    assert code == 201 and again["ruleId"] == rule["ruleId"]  # asking twice reuses the rule

    seen = set()
    for _ in range(180):
        code, state = await post(jp_fetch, "state", {"datasets": [dataset], "settings": rule_mode})
        seen.add(state["datasets"][0]["state"])
        if state["datasets"][0]["state"] == "available":
            break
        await asyncio.sleep(1)
    result = state["datasets"][0]
    assert result["state"] == "available", f"rule did not finish: {result}"
    assert result["filesTotal"] == result["filesAvailable"] == 3
    assert seen <= {"staging", "available"}


@pytest.mark.parametrize(
    "jp_server_config", [{**JDOE, "rucio_username": "alice", "rucio_password": "alice-secret"}], indirect=True
)
async def test_a_rule_rucio_refuses_comes_back_with_rucios_reason(rucio_up, jp_fetch):
    # alice's quota on SWAN-MOUNT is 1 kB in the local demo
    code, reply = await post(jp_fetch, "rules", {"dataset": DEMO, "settings": {"mode": "rule"}})
    assert code == 502
    assert "InsufficientAccountLimit" in reply["message"] or "quota" in reply["message"].lower()


@with_jdoe
async def test_unknown_download_ids_are_404(jp_fetch):
    with pytest.raises(HTTPClientError) as error:
        await jp_fetch("rucio-catalog", "downloads", "j0123456789abcdef")
    assert error.value.code == 404
